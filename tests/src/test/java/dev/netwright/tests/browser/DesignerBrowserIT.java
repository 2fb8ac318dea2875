package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.template.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The designer in a real browser against the running app: everything is done with the mouse and keyboard on the
 * palette, the canvas ports and the property panel, as a user would.
 */
class DesignerBrowserIT extends BrowserTestBase {
    private DesignerPage designer;

    @BeforeEach
    void openDesigner() {
        page = newPage(new Browser.NewContextOptions().setViewportSize(1280, 800).setAcceptDownloads(true), 15_000);
        designer = new DesignerPage(page).open(base());
    }

    @Test
    void buildsThe784_16_16_10MlpByDraggingAndConnecting() {
        assertThat(page.locator("[data-testid=empty-state]")).isVisible();

        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "784");
        assertThat(designer.node("input1").locator("[data-testid=output-shape]")).hasText("→ [784]");

        designer.dragFromPalette("Dense", 260, 190, "dense1");
        designer.setParam("units", "16");
        designer.dragFromPalette("Dense", 260, 340, "dense2");
        designer.setParam("units", "16");
        designer.dragFromPalette("Dense", 260, 490, "dense3");
        designer.setParam("units", "10");
        assertThat(page.locator("[data-testid=empty-state]")).isHidden();

        designer.connect("input1", "dense1", 0);
        designer.connect("dense1", "dense2", 0);
        designer.connect("dense2", "dense3", 0);

        assertThat(designer.totals("total-params")).hasText("13,002");
        assertThat(designer.totals("trainable-params")).hasText("13,002");
        assertThat(designer.totals("design-status")).containsText("Ready to train");
        assertThat(designer.node("dense1").locator("[data-testid=param-count]")).hasText("12,560 params");
        assertThat(designer.node("dense3").locator("[data-testid=output-shape]")).hasText("→ [10]");
    }

    @Test
    void showsAShapeErrorOnTheNodeThenClearsItWhenFixedAndExports() throws Exception {
        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "1, 28, 28");
        designer.dragFromPalette("Dense", 260, 330, "dense1");
        designer.setParam("units", "10");
        designer.connect("input1", "dense1", 0);

        // the designer's own message, on the node it concerns
        assertThat(designer.problems("dense1")).containsText("[1, 28, 28]");
        assertThat(designer.problems("dense1")).containsText("Flatten");
        assertThat(designer.totals("design-status")).containsText("1 problem");

        // fix: put a Flatten in between (connecting into Dense's only port replaces the old connection)
        designer.dragFromPalette("Flatten", 520, 185, "flatten1");
        designer.connect("input1", "flatten1", 0);
        designer.connect("flatten1", "dense1", 0);
        assertThat(designer.problems("dense1")).hasCount(0);
        assertThat(designer.node("dense1").locator("[data-testid=output-shape]")).hasText("→ [10]");
        assertThat(designer.totals("total-params")).hasText("7,850");
        assertThat(designer.totals("design-status")).containsText("Ready to train");

        Download download = page.waitForDownload(() -> page.locator("[data-testid=export-json]").click());
        Path file = Files.createTempFile("netwright-export", ".json");
        download.saveAs(file);
        Design exported = new DesignJson().read(Files.readString(file));
        assertThat(exported.nodes()).extracting(n -> n.id()).containsExactlyInAnyOrder("input1", "dense1", "flatten1");
        assertThat(exported.edges()).containsExactlyInAnyOrder(new Edge("input1", "flatten1", 0),
                new Edge("flatten1", "dense1", 0));
        assertThat(new DesignAnalyzer().analyze(exported).totals().totalParams()).isEqualTo(7850);
    }

    @Test
    void propertyPanelShowsTheAnalysisMessageOnTheFieldItConcerns() {
        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "8");
        designer.dragFromPalette("Dropout", 260, 200, "dropout1");
        designer.connect("input1", "dropout1", 0);
        designer.setParam("rate", "1.5");
        assertThat(designer.propertyFieldHost("rate")).hasAttribute("invalid", "");
        assertThat(designer.fieldError("rate")).containsText("below 1");
        assertThat(designer.problems("dropout1")).containsText("rate");
        designer.setParam("rate", "0.25");
        assertThat(designer.problems("dropout1")).hasCount(0);
        assertThat(designer.node("dropout1")).containsText("rate 0.25");
    }

    @Test
    void templateGalleryUndoRedoDeleteAndCopyPaste() {
        page.locator("[data-testid=new-design]").click();
        page.locator("[data-template=mlp-fashion-mnist]").click();
        long expected = new DesignAnalyzer().analyze(Templates.find("mlp-fashion-mnist").orElseThrow().design())
                .totals().totalParams();
        assertThat(designer.totals("total-params")).hasText(String.format("%,d", expected));

        designer.select("dropout");
        page.keyboard().press("Delete");
        assertThat(designer.node("dropout")).hasCount(0);
        assertThat(designer.totals("design-status")).containsText("problem");

        page.keyboard().press("Control+z");
        assertThat(designer.node("dropout")).isVisible();
        assertThat(designer.totals("design-status")).containsText("Ready to train");

        page.keyboard().press("Control+Shift+z");
        assertThat(designer.node("dropout")).hasCount(0);
        page.keyboard().press("Control+z");
        assertThat(designer.node("dropout")).isVisible();

        designer.select("hidden2");
        page.keyboard().press("Control+c");
        page.keyboard().press("Control+v");
        assertThat(designer.node("dense1")).isVisible();
        assertThat(designer.node("dense1")).containsText("units 64");
    }

    @Test
    void selectAllDeleteAndUndoWithTheKeyboard() {
        page.locator("[data-testid=new-design]").click();
        page.locator("[data-template=lenet-cnn]").click();
        designer.node("conv1").waitFor();
        int layers = Templates.find("lenet-cnn").orElseThrow().design().nodes().size();

        designer.node("conv1").locator(".nw-node-head").click();
        designer.node("conv2").locator(".nw-node-head").click(new com.microsoft.playwright.Locator.ClickOptions()
                .setModifiers(java.util.List.of(com.microsoft.playwright.options.KeyboardModifier.SHIFT)));
        assertThat(page.locator("[data-testid=property-panel]")).containsText("2 layers selected");

        page.keyboard().press("Control+a");
        assertThat(page.locator("[data-testid=property-panel]")).containsText(layers + " layers selected");
        page.keyboard().press("Delete");
        assertThat(page.locator(".react-flow__node-layer")).hasCount(0);
        assertThat(page.locator("[data-testid=empty-state]")).isVisible();

        page.keyboard().press("Control+z");
        assertThat(page.locator(".react-flow__node-layer")).hasCount(layers);
        assertThat(designer.totals("design-status")).containsText("Ready to train");
    }

    @Test
    void makeBlockCollapsesTheSelectionIntoOneNodeWithTheSameCounts() {
        page.locator("[data-testid=new-design]").click();
        page.locator("[data-template=lenet-cnn]").click();
        designer.node("conv2").waitFor();
        assertThat(designer.totals("total-params")).hasText("61,706");

        designer.node("conv2").locator(".nw-node-head").click();
        designer.node("pool2").locator(".nw-node-head").click(new com.microsoft.playwright.Locator.ClickOptions()
                .setModifiers(java.util.List.of(com.microsoft.playwright.options.KeyboardModifier.SHIFT)));
        page.locator("[data-testid=make-block]").click();
        page.locator("[data-testid=block-name] input").fill("conv-pool");
        page.locator("[data-testid=make-block-confirm]").click();

        assertThat(designer.node("conv-pool")).isVisible();
        assertThat(designer.node("conv2")).hasCount(0);
        assertThat(designer.node("conv-pool").locator(".nw-node-type")).hasText("conv-pool v1");
        // 5x5x6x16 weights + 16 biases; pooling has none
        assertThat(designer.node("conv-pool").locator("[data-testid=param-count]")).hasText("2,416 params");
        assertThat(designer.node("conv-pool").locator("[data-testid=output-shape]")).hasText("→ [16, 5, 5]");
        assertThat(designer.totals("total-params")).hasText("61,706");
        assertThat(designer.totals("design-status")).containsText("Ready to train");
        assertThat(page.locator("[data-testid=property-panel]")).containsText("Block conv-pool v1");

        page.keyboard().press("Control+z");
        assertThat(designer.node("conv2")).isVisible();
    }

    @Test
    void ganTemplateShowsGeneratorAndDiscriminatorAsTwoGroups() {
        page.locator("[data-testid=new-design]").click();
        page.locator("[data-template=mlp-gan-2d]").click();
        assertThat(page.locator("[data-testid=group-generator]")).isVisible();
        assertThat(page.locator("[data-testid=group-discriminator]")).isVisible();
        assertThat(designer.totals("networks")).containsText("generator");
        assertThat(designer.totals("design-status")).containsText("Ready to train");

        page.getByText("Auto-layout").click();
        assertThat(page.locator("[data-testid=group-generator]")).isVisible();
        var generator = page.locator("[data-testid=group-generator]").boundingBox();
        var discriminator = page.locator("[data-testid=group-discriminator]").boundingBox();
        assertThat(generator.x + generator.width).isLessThan(discriminator.x);
    }

    @Test
    void shortcutsHelpAndFriendlyImportErrors() throws Exception {
        page.locator("body").press("?");
        assertThat(page.getByText("Ctrl+Shift+Z or Ctrl+Y")).isVisible();
        page.keyboard().press("Escape");

        Path bad = Files.createTempFile("not-a-design", ".json");
        Files.writeString(bad, "{\"format\": \"netwright-design/9\", \"nodes\": 3}");
        page.locator("[data-testid=import-json] input[type=file]").setInputFiles(bad);
        assertThat(page.locator("vaadin-notification-card").first()).containsText("Could not import");
        assertThat(page.locator("body")).not().containsText("Exception");
    }
}
