package dev.netwright.tests.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The designer as a user sees it: palette, canvas nodes and ports, property panel, totals bar. */
final class DesignerPage {
    private final Page page;

    DesignerPage(Page page) {
        this.page = page;
    }

    /** The scratch designer; every view needs a signed-in user, so a fresh account is made first. */
    DesignerPage open(String baseUrl) {
        Accounts.signUp(page, baseUrl, "designer");
        page.navigate(baseUrl + "/designer");
        page.waitForSelector("[data-layer-type=Input]");
        return this;
    }

    /** Drags a layer kind from the palette and drops it at a point of the canvas (canvas coordinates). */
    Locator dragFromPalette(String type, double x, double y, String expectedId) {
        page.dragAndDrop("[data-layer-type=" + type + "]", "[data-testid=canvas]",
                new Page.DragAndDropOptions().setTargetPosition(x, y));
        Locator node = node(expectedId);
        node.waitFor();
        return node;
    }

    /** The designer of a stored design, already open in the page. */
    DesignerPage awaitCanvas() {
        page.waitForSelector("[data-testid=canvas]");
        return this;
    }

    Locator node(String id) {
        return page.locator("[data-testid=node-" + id + "]");
    }

    /** Drags from one node's output handle to another node's input port, pausing as React Flow needs. */
    void connect(String fromId, String toId, int port) {
        Locator out = node(fromId).locator(".react-flow__handle.source");
        Locator in = node(toId).locator(".react-flow__handle.target[data-handleid=in-" + port + "]");
        BoundingBox a = out.boundingBox();
        BoundingBox b = in.boundingBox();
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.waitForTimeout(100);
        page.mouse().move(b.x + b.width / 2, b.y + b.height / 2, new com.microsoft.playwright.Mouse.MoveOptions()
                .setSteps(12));
        page.waitForTimeout(100);
        page.mouse().up();
        // the server answers with the new edge; later gestures must see the re-rendered nodes
        page.locator(".react-flow__edge[data-id=\"" + fromId + "->" + toId + ":" + port + "\"]")
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        page.waitForTimeout(150);
    }

    void select(String id) {
        node(id).locator(".nw-node-head").click();
        propertyField("@id").waitFor();
        page.waitForFunction("id => { const f = document.querySelector('[data-testid=property-panel] "
                + "[data-param=\"@id\"]'); return f && f.value === id; }", id);
    }

    /** The input inside the property panel's field for a parameter. */
    Locator propertyField(String param) {
        return page.locator("[data-testid=property-panel] [data-param=\"" + param + "\"] input");
    }

    Locator propertyFieldHost(String param) {
        return page.locator("[data-testid=property-panel] [data-param=\"" + param + "\"]");
    }

    /** Types a value into a parameter field and commits it with Enter, as a user does. */
    void setParam(String param, String value) {
        Locator field = propertyField(param);
        field.fill(value);
        field.press("Enter");
    }

    /** The analysis message a parameter field shows under it. */
    Locator fieldError(String param) {
        return propertyFieldHost(param).locator("[slot=error-message]");
    }

    Locator totals(String testId) {
        return page.locator("[data-testid=totals-bar] [data-testid=" + testId + "]");
    }

    Locator problems(String nodeId) {
        return node(nodeId).locator("[data-testid=node-problems]");
    }
}
