package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.BoundingBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canvas keeps layers and connections visible: a layer showing a problem does not grow over the layer below and
 * its output port, the templates' connections (the residual shortcut included) never run behind a layer, and the
 * minimap covers no layer of a template as it opens.
 */
class CanvasLayoutBrowserIT extends BrowserTestBase {

    @Test
    void aLayerWithAProblemKeepsItsOutputPortUncovered() {
        page = newPage(1280, 800, 15_000);
        DesignerPage designer = new DesignerPage(page).open(base());
        designer.dragFromPalette("Input", 260, 40, "input1");
        designer.setParam("shape", "1, 28, 28");
        designer.dragFromPalette("Dense", 260, 190, "dense1");
        designer.dragFromPalette("Dense", 260, 340, "dense2");
        designer.connect("input1", "dense1", 0);
        // a Dense on a picture needs a Flatten first: dense1 now shows that problem and its fix
        assertThat(designer.problems("dense1")).containsText("Flatten");
        page.waitForTimeout(300);
        BoundingBox port = designer.node("dense1").locator(".react-flow__handle.source").boundingBox();
        Object onTop = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y);"
                + " return e && e.closest('.react-flow__node') ? e.closest('.react-flow__node').dataset.id : null; }",
                List.of(port.x + port.width / 2, port.y + port.height / 2));
        shot("problem-node");
        assertThat(onTop).as("what is on top of dense1's output port").isEqualTo("dense1");
        // a fixed height: the problem text is clamped, all of it is in the tooltip and the property panel
        assertThat(designer.node("dense1").boundingBox().height).isLessThan(140);
        assertThat(designer.problems("dense1").getAttribute("title")).contains("Fix: ");
        // and the port still works: a connection can be dragged from it
        designer.connect("dense1", "dense2", 0);
    }

    @Test
    void noTemplateConnectionRunsBehindALayer() {
        page = newPage(1280, 800, 15_000);
        Accounts.signUp(page, base(), "layout");
        for (String template : List.of("residual-cnn", "mlp-fashion-mnist", "lenet-cnn", "lstm-classifier",
                "transformer-classifier", "mlp-gan-2d", "dcgan-28")) {
            page.navigate(base() + "/designer?template=" + template);
            page.locator(".react-flow__node-layer").first().waitFor();
            page.locator(".react-flow__edge").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            page.waitForTimeout(800); // the fit-to-view animation
            Object covered = page.evaluate("""
                    () => {
                      const m = document.querySelector('.react-flow__minimap').getBoundingClientRect();
                      return [...document.querySelectorAll('.react-flow__node-layer')].filter(n => {
                        const r = n.getBoundingClientRect();
                        return r.left < m.right && m.left < r.right && r.top < m.bottom && m.top < r.bottom;
                      }).map(n => n.dataset.id).join(', ');
                    }""");
            if (!"".equals(covered)) {
                shot("minimap-" + template);
            }
            assertThat(covered).as("layers under the minimap in " + template).isEqualTo("");
            Object hidden = page.evaluate("""
                    () => {
                      const nodes = [...document.querySelectorAll('.react-flow__node-layer')]
                          .map(n => ({id: n.dataset.id, r: n.getBoundingClientRect()}));
                      const hits = [];
                      for (const e of document.querySelectorAll('.react-flow__edge')) {
                        const [from, rest] = e.dataset.id.split('->');
                        const to = rest.split(':')[0];
                        const path = e.querySelector('path.react-flow__edge-path');
                        const length = path.getTotalLength();
                        const ctm = path.getScreenCTM();
                        for (let t = 0.05; t < 0.95; t += 0.01) {
                          const p = path.getPointAtLength(length * t).matrixTransform(ctm);
                          for (const n of nodes) {
                            if (n.id !== from && n.id !== to && p.x > n.r.left && p.x < n.r.right
                                && p.y > n.r.top && p.y < n.r.bottom) {
                              hits.push(e.dataset.id + ' behind ' + n.id);
                            }
                          }
                        }
                      }
                      return [...new Set(hits)].join(', ');
                    }""");
            if (!"".equals(hidden)) {
                shot("hidden-edge-" + template);
            }
            assertThat(hidden).as(template).isEqualTo("");
        }
    }
}
