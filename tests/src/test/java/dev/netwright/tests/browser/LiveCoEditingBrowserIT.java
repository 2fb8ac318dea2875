package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.tests.browser.LiveCoEditors.Editor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live co-editing in real browsers: two editors in two browser contexts make random edits at the same time on one
 * stored design (gestures sent as the canvas sends them, parameters typed into the property panel); both canvases
 * end identical and equal to the server's working state, which is the replay of the op log; every edit is in the
 * log as applied or as a conflict, and each conflict was shown to the editor who lost. Whether random edits collide is
 * chance, so the collisions checked are made on purpose: both change one parameter from the value both see, and one
 * deletes a layer the other is typing into (see collideOnOneParameterAndOnADeletedLayer). A block made by one is drawn
 * by the other. A viewer watches the same state and cannot change it. {@link LiveCoEditingTwoInstancesBrowserIT} does
 * the same across two app instances. Half-way through the random edits bob's browser is offline for a few seconds,
 * editing on: what he did offline arrives on the reconnect (or is reported to him), as the checks of the log show.
 */
class LiveCoEditingBrowserIT extends BrowserTestBase {
    /**
     * Edits per editor: 100 by default (about 2 s per gesture on a quiet 2-core machine, the browsers' rendering being
     * most of it; the wait for them grows with their number).
     * The conflict checks do not depend on them colliding (the deliberate collisions do that).
     * {@code -Dcoedit.edits=200} runs the 200 each.
     */
    private static final int EDITS = Integer.getInteger("coedit.edits", 100);

    private final LiveCoEditors live = new LiveCoEditors();

    private Editor signUp(String prefix) {
        Page p = newPage(1400, 900, 20_000);
        return new Editor(p, base(), Accounts.signUp(p, base(), prefix));
    }

    @Test
    void twoEditorsEditingAtOnceEndWithTheSameCanvasAsTheServerAndEveryConflictWasShownToItsLoser() {
        Editor alice = signUp("alice");
        Editor bob = signUp("bob");
        Editor carol = signUp("carol");
        String design = live.share(alice, List.of(bob), List.of(carol));
        Design start = live.stored(alice, design);
        for (Editor e : List.of(alice, bob, carol)) {
            live.open(e, design);
        }
        page = alice.page();

        // everyone sees who else is there; what bob selects is marked on alice's canvas
        assertThat(alice.page().locator("[data-testid=live-user][data-user=" + bob.name() + "]")).isVisible();
        assertThat(alice.page().locator("[data-testid=live-user][data-user=" + carol.name() + "]")).isVisible();
        assertThat(bob.page().locator("[data-testid=live-user][data-user=" + alice.name() + "]")).isVisible();
        new DesignerPage(bob.page()).select("hidden2");
        assertThat(alice.page().locator("[data-testid=node-hidden2]")).hasAttribute("data-editors", bob.name());
        shot("presence");

        // alice moves to odd x and sets units 1000+i, bob even x and 2000+i: every edit is told apart in the log
        live.startRandomEdits(alice, EDITS, 7, 1);
        live.startRandomEdits(bob, EDITS, 11, 2);
        long started = System.nanoTime();
        live.dropConnectionMidway(bob, EDITS);
        for (Editor e : List.of(alice, bob)) {
            e.page().setDefaultTimeout(20_000);
            live.awaitRandomEdits(e, Math.max(150_000, EDITS * 3_000));
        }
        System.out.printf("[co-editing] %d random edits each from two browsers in %.1f s%n", EDITS,
                (System.nanoTime() - started) / 1e9);

        // the op log replays to the server's working state ...
        Design server = live.settled(bob, design, List.of(alice, bob, carol));
        JsonNode log = live.opLog(alice, design);
        assertThat(server).isEqualTo(live.replay(start, log));
        // ... and both editors' canvases and the viewer's end drawing it
        for (Editor e : List.of(alice, bob, carol)) {
            live.awaitDrawn(e, server);
        }
        assertThat(LiveCoEditors.canvas(alice.page())).isEqualTo(LiveCoEditors.canvas(bob.page()));

        // (whether random edits happen to collide is chance: the collisions checked are the ones made below)
        int conflicts = live.checkEditsInLog(alice, log) + live.checkEditsInLog(bob, log);
        System.out.printf("[co-editing] %d edits in the log, %d conflicts reported to their losers%n", log.size(),
                conflicts);
        shot("after-random-edits");

        collideOnOneParameterAndOnADeletedLayer(alice, bob, design);

        // block gestures are live edits too: alice makes a block of a connected layer, bob's canvas draws it
        Design now = live.server(alice, design);
        Node grouped = now.nodes().stream().filter(n -> n.type().equals("Dense")
                && now.edges().stream().anyMatch(e -> e.to().equals(n.id()))).findFirst().orElseThrow();
        selectLayer(alice.page(), grouped.id(), grouped.params().get("units"));
        alice.page().locator("[data-testid=make-block]").click();
        alice.page().locator("[data-testid=block-name] input").fill("shared-head");
        alice.page().locator("[data-testid=make-block-confirm]").click();
        Predicate<Design> made = d -> d.node(grouped.id()).isEmpty()
                && d.blocks().stream().anyMatch(b -> b.name().equals("shared-head"))
                && d.nodes().stream().anyMatch(n -> n.type().equals("Block"));
        awaitDrawn(alice, design, made);
        awaitDrawn(bob, design, made);
        assertThat(LiveCoEditors.canvas(alice.page())).isEqualTo(LiveCoEditors.canvas(bob.page()));

        // carol watches but cannot edit: her gestures change nothing, and the API refuses her edits
        int before = live.opLog(alice, design).size();
        carol.page().evaluate("() => document.querySelector('nw-design-canvas').dispatchEvent(new CustomEvent("
                + "'nw-command', {detail: JSON.stringify({kind: 'move', moves: [{id: 'hidden1', x: 5, y: 5}]})}))");
        assertThat(carol.page().locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText("viewer"))).isVisible();
        assertThat(live.postStatus(carol, "/api/designs/" + design + "/live/ops", Map.of("ops", List.of(Map.of(
                "op", "moveNode", "node", "hidden1", "from", Map.of("x", 0, "y", 0), "to", Map.of("x", 5, "y", 5))))))
                .isEqualTo(403);
        assertThat(live.opLog(alice, design).size()).isEqualTo(before);
        assertThat(carol.page().locator("[data-testid=version-label]")).containsText("read only");
    }

    /**
     * Edit propagation latency between two browsers (one app instance): one moves a layer, the other's canvas draws
     * it (see {@link LiveCoEditors#propagation}). Then the second browser loses its connection, edits offline, and
     * comes back: its edit is sent and applied.
     */
    @Test
    void editsReachTheOtherBrowserWithinASecondAndAnEditMadeOfflineArrivesAfterTheReconnect() {
        Editor alice = signUp("alice");
        Editor bob = signUp("bob");
        Editor carol = signUp("carol");
        String design = live.share(alice, List.of(bob), List.of(carol));
        for (Editor e : List.of(alice, bob)) {
            live.open(e, design);
        }
        page = bob.page();
        LiveCoEditors.Latency latency = LiveCoEditors.propagation(alice, bob, "hidden1", 40, 5000);
        System.out.printf("[co-editing] edit propagation between two browsers over %d moves (%d drawn one by one):"
                + " p50 %d ms, p99 %d ms, max %d ms (load average %.1f)%n", latency.millis().size(), latency.drawn(),
                latency.p50(), latency.p99(), latency.max(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(latency.p50()).as("half the edits show in the other browser within a second").isLessThan(1000);

        // bob loses the connection and changes a parameter; alice edits meanwhile; bob's edit arrives on reconnect
        live.editOfflineThenReconnect(bob, alice, design);
    }

    private static void command(Page p, String json) {
        p.evaluate("c => document.querySelector('nw-design-canvas').dispatchEvent(new CustomEvent('nw-command', "
                + "{detail: c}))", json);
    }

    /** Selects a layer as the canvas reports a click (layers may lie on top of each other after random moves). */
    private static void selectLayer(Page p, String id, Object units) {
        command(p, "{\"kind\": \"select\", \"ids\": [\"" + id + "\"]}");
        p.waitForFunction("([id, units]) => { const f = document.querySelector('[data-testid=property-panel] "
                + "[data-param=\"@id\"]'); const u = document.querySelector('[data-testid=property-panel] "
                + "[data-param=units]'); return f && f.value === id && u && u.value === units; }",
                List.of(id, units == null ? "" : String.valueOf(units)),
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    /** The number on the notices counter (not on the page until there is something to count). */
    private static int notices(Page p) {
        return ((Number) p.evaluate("() => { const b = document.querySelector('[data-testid=live-notices]'); "
                + "return b ? +(b.getAttribute('data-count') || 0) : 0; }")).intValue();
    }

    private static void awaitNotices(Page p, int count) {
        p.waitForFunction("n => { const b = document.querySelector('[data-testid=live-notices]'); "
                + "return b && +b.getAttribute('data-count') >= n; }", count,
                new Page.WaitForFunctionOptions().setTimeout(90_000));
    }

    /** Waits (up to 60 s) until the server's state meets {@code settled} and the editor's canvas draws it. */
    private void awaitDrawn(Editor e, String design, Predicate<Design> settled) {
        long until = System.currentTimeMillis() + 60_000;
        Design server = live.server(e, design);
        while (!(settled.test(server) && LiveCoEditors.drawn(LiveCoEditors.canvas(e.page()), server))
                && System.currentTimeMillis() < until) {
            e.page().waitForTimeout(250);
            server = live.server(e, design);
        }
        assertThat(settled.test(server)).as("the server's state: %s", live.write(server)).isTrue();
        live.awaitDrawn(e, server);
    }

    /**
     * The collisions made on purpose: both editors change hidden1's units from the value both see, bob's browser a
     * moment behind (offline while alice's change lands, his own change waiting in it). Whatever the machine's load,
     * alice's is ordered first and wins on both canvases and the server, and bob, whose change replaced a value he no
     * longer had, is told the value that won. Then alice deletes hidden2 while bob types into its panel: bob's change
     * reaches the server after the delete and he is told, nothing silently dropped.
     */
    private void collideOnOneParameterAndOnADeletedLayer(Editor alice, Editor bob, String design) {
        Page a = alice.page();
        Page b = bob.page();
        DesignerPage alices = new DesignerPage(a);
        DesignerPage bobs = new DesignerPage(b);
        int aliceNotices = notices(a);
        int bobNotices = notices(b);
        Predicate<Design> aliceWon = d -> Integer.valueOf(1111).equals(d.node("hidden1").orElseThrow().params()
                .get("units"));
        Object seen = live.server(alice, design).node("hidden1").orElseThrow().params().get("units");
        selectLayer(a, "hidden1", seen);
        selectLayer(b, "hidden1", seen);
        b.context().setOffline(true);
        bobs.setParam("units", "2222");
        alices.setParam("units", "1111");
        awaitDrawn(alice, design, aliceWon);
        b.context().setOffline(false);
        awaitNotices(b, bobNotices + 1);
        awaitDrawn(alice, design, aliceWon);
        awaitDrawn(bob, design, aliceWon);
        assertThat(LiveCoEditors.canvas(a)).isEqualTo(LiveCoEditors.canvas(b));
        assertThat(notices(a)).as("the winner is told nothing").isEqualTo(aliceNotices);
        b.locator("[data-testid=live-notices]").click();
        assertThat(b.locator("[data-testid=live-notice-list]")).containsText(
                "Hidden1.units was changed by another editor first: it is 1111 (your 2222 was not applied)");
        b.keyboard().press("Escape");

        Object hidden2 = live.server(alice, design).node("hidden2").orElseThrow().params().get("units");
        selectLayer(b, "hidden2", hidden2);
        b.context().setOffline(true);
        bobs.setParam("units", "3333");
        command(a, "{\"kind\": \"delete\", \"ids\": [\"hidden2\"], \"edges\": []}");
        awaitDrawn(alice, design, d -> d.node("hidden2").isEmpty());
        b.context().setOffline(false);
        awaitNotices(b, bobNotices + 2);
        awaitDrawn(bob, design, d -> d.node("hidden2").isEmpty());
        assertThat(LiveCoEditors.canvas(a)).isEqualTo(LiveCoEditors.canvas(b));
        b.locator("[data-testid=live-notices]").click();
        assertThat(b.locator("[data-testid=live-notice-list]")).containsText(
                "Layer hidden2 was deleted by another editor: your change of units to 3333 was not applied");
        b.keyboard().press("Escape");
        assertThat(notices(a)).isEqualTo(aliceNotices);
        // both reports are in the op log as bob's, with the value that won
        List<String> reported = new ArrayList<>();
        live.opLog(alice, design).forEach(e -> e.get("conflicts").forEach(c -> reported.add(
                e.get("author").asString() + ": " + c.get("message").asString())));
        assertThat(reported).anyMatch(m -> m.equals(bob.name() + ": hidden1.units was changed by another editor first:"
                + " it is 1111 (your 2222 was not applied)")).anyMatch(m -> m.startsWith(bob.name() + ": layer hidden2"
                + " was deleted by another editor: your change of units to 3333"));
    }
}
