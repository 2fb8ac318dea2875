package dev.netwright.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.netwright.designer.block.BlockExpander;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Position;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every template, fitted to a 1280x800 window, is readable: its layers are drawn at 60% zoom or more (the 11 px text
 * of a layer at 6.6 px or more, its 13 px type name at 7.8 px), no two layers overlap, every layer is inside the
 * canvas and none is under the minimap. A residual shortcut runs around the layers it skips, and the branches of a
 * fork sit side by side.
 */
class TemplateLayoutBrowserIT extends BrowserTestBase {
    private static final double LEGIBLE_ZOOM = 0.6;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the page shows once fitted: the zoom, and every rule broken (empty when none). */
    private static final String MEASURE = """
            () => {
              const t = document.querySelector('.react-flow__viewport').style.transform;
              const zoom = Number(/scale\\(([0-9.]+)\\)/.exec(t)[1]);
              const pane = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
              const mini = document.querySelector('.react-flow__minimap').getBoundingClientRect();
              const nodes = [...document.querySelectorAll('.react-flow__node-layer')]
                  .map(n => ({id: n.dataset.id, r: n.getBoundingClientRect()}));
              const cross = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
              const broken = [];
              for (const a of nodes) {
                if (cross(a.r, mini)) broken.push(a.id + ' is under the minimap');
                if (a.r.left < pane.left || a.r.right > pane.right || a.r.top < pane.top || a.r.bottom > pane.bottom) {
                  broken.push(a.id + ' is outside the canvas');
                }
                for (const b of nodes) if (a.id < b.id && cross(a.r, b.r)) broken.push(a.id + ' overlaps ' + b.id);
              }
              for (const e of document.querySelectorAll('.react-flow__edge')) {
                const [from, rest] = e.dataset.id.split('->');
                const to = rest.split(':')[0];
                const path = e.querySelector('path.react-flow__edge-path');
                const length = path.getTotalLength();
                const ctm = path.getScreenCTM();
                for (let s = 0; s <= length; s += 3) {
                  const p = path.getPointAtLength(s).matrixTransform(ctm);
                  for (const n of nodes) {
                    if (n.id !== from && n.id !== to && p.x > n.r.left && p.x < n.r.right
                        && p.y > n.r.top && p.y < n.r.bottom) {
                      broken.push(e.dataset.id + ' runs behind ' + n.id);
                    }
                  }
                }
              }
              const font = parseFloat(getComputedStyle(document.querySelector('.nw-node-type')).fontSize);
              const boxes = {};
              for (const n of nodes) boxes[n.id] = {x: n.r.left, y: n.r.top, w: n.r.width, h: n.r.height};
              return JSON.stringify({zoom, typeFont: font * zoom, broken: [...new Set(broken)], boxes,
                  nodes: nodes.length, edges: document.querySelectorAll('.react-flow__edge').length});
            }""";

    @Test
    void everyTemplateIsReadableWhenFittedToTheView() throws IOException {
        page = newPage(1280, 800, 15_000);
        Accounts.signUp(page, base(), "layoutall");
        List<String> zooms = new ArrayList<>();
        for (Template template : Templates.all()) {
            page.navigate(base() + "/designer?template=" + template.id());
            JsonNode seen = fitted(template.design().nodes().size());
            zooms.add(template.id() + " " + seen.get("zoom").asDouble());
            if (template.id().equals("dcgan-28") || template.id().equals("lenet-cnn")) {
                shot(template.id());
            }
            assertThat(seen.get("broken").toString()).as(template.id()).isEqualTo("[]");
            assertThat(seen.get("zoom").asDouble()).as(template.id() + " zoom").isGreaterThanOrEqualTo(LEGIBLE_ZOOM);
            assertThat(seen.get("typeFont").asDouble()).as(template.id() + " layer type text, px")
                    .isGreaterThanOrEqualTo(7.8);
        }
        System.out.println("fitted zoom per template: " + zooms);
    }

    @Test
    void aResidualShortcutRunsAroundTheLayersItSkipsAndForkBranchesSitSideBySide() throws IOException {
        page = newPage(1280, 800, 15_000);
        DesignerPage designer = new DesignerPage(page).open(base());

        // the residual template with its block opened up: the identity shortcut skips the block's layers
        Design residual = new BlockExpander().expand(Templates.find("residual-cnn").orElseThrow().design()).flat();
        JsonNode seen = importAndFit(designer, residual, "residual-open");
        shot("residual-open");
        assertThat(seen.get("broken").toString()).isEqualTo("[]");
        assertThat(seen.get("edges").asInt()).isEqualTo(residual.edges().size());
        assertThat(seen.get("zoom").asDouble()).isGreaterThanOrEqualTo(LEGIBLE_ZOOM);

        // two branches from one input, joined again: side by side on one row
        Design fork = DesignBuilder.named("fork").node("input", "Input", "shape", List.of(1, 28, 28))
                .then("wide", "Conv2D", "filters", 8, "kernelSize", 5, "padding", "same", "activation", "relu")
                .from("input").then("narrow", "Conv2D", "filters", 8, "kernelSize", 3, "padding", "same",
                        "activation", "relu")
                .then("join", "Concatenate").edge("wide", "join", 1)
                .then("flatten", "Flatten").then("output", "Dense", "units", 10, "activation", "softmax").build();
        seen = importAndFit(designer, fork, "fork");
        assertThat(seen.get("broken").toString()).isEqualTo("[]");
        JsonNode wide = seen.get("boxes").get("wide");
        JsonNode narrow = seen.get("boxes").get("narrow");
        assertThat(wide.get("y").asDouble()).as("the branches share a row").isCloseTo(narrow.get("y").asDouble(),
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(Math.abs(wide.get("x").asDouble() - narrow.get("x").asDouble()))
                .as("the branches sit side by side").isGreaterThanOrEqualTo(wide.get("w").asDouble());
        assertThat(seen.get("boxes").get("join").get("y").asDouble()).isGreaterThan(wide.get("y").asDouble());
    }

    /** Imports the design as a file written by hand (every layer at the origin), so the designer lays it out. */
    private JsonNode importAndFit(DesignerPage designer, Design design, String name) throws IOException {
        Design unplaced = design.withNodes(design.nodes().stream().map(n -> n.withPosition(Position.ORIGIN)).toList());
        Path file = Files.createTempDirectory("layout").resolve(name + ".json");
        Files.writeString(file, new DesignJson().write(unplaced));
        page.locator("[data-testid=import-json] input[type=file]").setInputFiles(file);
        String last = design.nodes().getLast().id();
        designer.node(last).waitFor();
        return fitted(design.nodes().size());
    }

    /** Waits for the design's layers, presses fit-to-view and measures. */
    private JsonNode fitted(int layers) throws IOException {
        page.waitForFunction("n => document.querySelectorAll('.react-flow__node-layer').length === n", layers);
        page.locator(".react-flow__edge").first().waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED));
        page.locator(".react-flow__controls-fitview").click();
        page.waitForTimeout(600); // the fit animation
        return JSON.readTree((String) page.evaluate(MEASURE));
    }
}
