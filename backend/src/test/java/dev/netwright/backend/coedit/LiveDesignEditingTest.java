package dev.netwright.backend.coedit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.ApiTestBase;
import dev.netwright.designer.coedit.Conflict;
import dev.netwright.designer.coedit.DesignOp;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.coedit.PatchApplier;
import dev.netwright.designer.coedit.PatchDiff;
import dev.netwright.designer.coedit.PatchJson;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Live co-editing on the real app and PostgreSQL: one order for concurrent edits, the conflict rules, the op log
 * as the record of every edit, viewers refused, and the feed that tells other instances.
 */
class LiveDesignEditingTest extends ApiTestBase {
    private final DesignJson designJson = new DesignJson();
    private final PatchJson patchJson = new PatchJson(designJson);
    private Api alice;
    private Api bob;
    private Api carol;
    private UUID workspace;
    private UUID design;

    @Autowired
    LiveDesignFeed feed;
    @Autowired
    DataSource dataSource;

    @Autowired
    LiveDesignService liveDesigns;

    @Autowired
    LiveBlockService liveBlocks;

    @Autowired
    dev.netwright.backend.security.UserAccounts accounts;

    @BeforeEach
    void setUp() {
        alice = newUser("alice");
        bob = newUser("bob");
        carol = newUser("carol");
        workspace = workspace(alice, "Live");
        addMember(alice, workspace, bob, "EDITOR");
        addMember(alice, workspace, carol, "VIEWER");
        UUID project = project(alice, workspace);
        Api.Res r = alice.post("/api/projects/" + project + "/designs", Api.map("templateId", "mlp-fashion-mnist"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        design = UUID.fromString(r.str("designId"));
    }

    private Design read(JsonNode tree) {
        try {
            return designJson.read(tree.toString());
        } catch (dev.netwright.designer.format.DesignFormatException e) {
            throw new AssertionError(e);
        }
    }

    private Design live(Api who) {
        Api.Res r = who.get("/api/designs/" + design + "/live");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return read(r.json().get("design"));
    }

    private Api.Res send(Api who, UUID client, DesignPatch patch) {
        return who.post("/api/designs/" + design + "/live/ops", Map.of("clientId", client.toString(),
                "ops", patchJson.write(patch)));
    }

    private static Design setParam(Design d, String node, String param, Object value) {
        return d.withNodes(d.nodes().stream().map(n -> n.id().equals(node) ? n.withParam(param, value) : n).toList());
    }

    @Test
    void theSecondOfTwoChangesOfOneParameterIsToldTheValueThatWonAndAnEditOfADeletedLayerIsReported() {
        Design base = live(alice);
        Api.Res first = send(alice, UUID.randomUUID(), PatchDiff.between(base, setParam(base, "hidden1", "units", 32)));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("conflicts").size()).isZero();
        Api.Res second = send(bob, UUID.randomUUID(), PatchDiff.between(base,
                setParam(setParam(base, "hidden1", "units", 48), "hidden2", "units", 7)));
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        JsonNode conflict = second.json().get("conflicts").get(0);
        assertThat(conflict.get("kind").asString()).isEqualTo("VALUE_CHANGED");
        assertThat(conflict.get("winner").asInt()).isEqualTo(32);
        assertThat(conflict.get("message").asString()).contains("hidden1.units").contains("it is 32")
                .contains("your 48");
        Design now = live(carol);
        assertThat(now.node("hidden1").orElseThrow().params()).containsEntry("units", 32);
        assertThat(now.node("hidden2").orElseThrow().params()).as("bob's other change applied")
                .containsEntry("units", 7);

        // alice deletes hidden2 while bob, who still sees it, changes it: bob is told, nothing is silently lost
        Design seenByBob = now;
        Design without = new Design(now.name(), now.description(),
                now.nodes().stream().filter(n -> !n.id().equals("hidden2")).toList(),
                now.edges().stream().filter(e -> !e.from().equals("hidden2") && !e.to().equals("hidden2")).toList(),
                now.networks(), now.blocks());
        assertThat(send(alice, UUID.randomUUID(), PatchDiff.between(now, without)).status()).isEqualTo(200);
        Api.Res late = send(bob, UUID.randomUUID(), PatchDiff.between(seenByBob,
                setParam(seenByBob, "hidden2", "units", 9)));
        assertThat(late.json().get("conflicts").get(0).get("message").asString())
                .contains("layer hidden2 was deleted by another editor").contains("change of units to 9");
        assertThat(live(alice).node("hidden2")).isEmpty();

        // the op log has every edit in order, with the conflicts each author was told
        JsonNode log = alice.get("/api/designs/" + design + "/live/ops").json();
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.get(1).get("author").asString()).isEqualTo(username(bob));
        assertThat(log.get(1).get("conflicts").get(0).get("winner").asInt()).isEqualTo(32);
        assertThat(log.get(3).get("ops").size()).isZero();
    }

    @Test
    void aViewerWatchesButHerEditsAreRefusedAndBadOpsSayWhereTheyAreWrong() {
        Design base = live(carol);
        Api.Res viewer = send(carol, UUID.randomUUID(), PatchDiff.between(base, setParam(base, "hidden1", "units", 3)));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.str("detail")).contains("viewer");
        assertThat(carol.get("/api/designs/" + design + "/live").json().get("canEdit").asBoolean()).isFalse();
        assertThat(live(alice)).isEqualTo(base);
        assertThat(alice.get("/api/designs/" + design + "/live/ops").json().size()).isZero();

        Api.Res bad = alice.post("/api/designs/" + design + "/live/ops", Map.of("ops", List.of(
                Map.of("op", "moveNode", "node", "hidden1", "from", Map.of("x", 0, "y", 0), "to", Map.of("x", 1)))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.str("detail")).contains("ops[0].to");
        Api.Res stranger = newUser("mallory").get("/api/designs/" + design + "/live");
        assertThat(stranger.status()).isEqualTo(404);
    }

    /**
     * Two editors send random edits at the same time, each from the state it last heard of (so often stale). The
     * server's order is the op log: replaying it from the version gives the stored working state, every conflict
     * in it was told to its author, and an edit the other did not touch is in the final state.
     */
    @Test
    void concurrentRandomEditsGetOneOrderThatReplaysToTheStoredStateAndEveryConflictIsToldToItsAuthor()
            throws Exception {
        Design start = live(alice);
        int editsEach = 150;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<JsonNode>> a = pool.submit(editor(alice, start, editsEach, 1));
            Future<List<JsonNode>> b = pool.submit(editor(bob, start, editsEach, 2));
            List<JsonNode> fromAlice = a.get(120, TimeUnit.SECONDS);
            List<JsonNode> fromBob = b.get(120, TimeUnit.SECONDS);

            List<JsonNode> log = new ArrayList<>();
            alice.get("/api/designs/" + design + "/live/ops?limit=10000").json().forEach(log::add);
            Design replayed = start;
            long expected = 1;
            int valueConflicts = 0;
            for (JsonNode e : log) {
                assertThat(e.get("seq").asLong()).isEqualTo(expected++);
                DesignPatch ops = patchJson.read(e.get("ops"));
                PatchApplier.Result r = PatchApplier.apply(replayed, ops);
                assertThat(r.conflicts()).as("logged ops replay cleanly").isEmpty();
                assertThat(r.applied()).isEqualTo(ops);
                replayed = r.design();
                for (JsonNode c : e.get("conflicts")) {
                    valueConflicts += c.get("kind").asString().equals("VALUE_CHANGED") ? 1 : 0;
                }
            }
            assertThat(replayed).as("the op log replays to the stored working state").isEqualTo(live(bob));
            assertThat(valueConflicts).as("the editors did collide on parameters").isPositive();
            assertThat(conflictsOf(log, username(alice))).isEqualTo(conflictsIn(fromAlice));
            assertThat(conflictsOf(log, username(bob))).isEqualTo(conflictsIn(fromBob));
            assertThat(fromAlice.size() + fromBob.size()).isEqualTo(2 * editsEach);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> conflictsOf(List<JsonNode> log, String author) {
        List<String> out = new ArrayList<>();
        log.stream().filter(e -> e.get("author").asString().equals(author))
                .forEach(e -> e.get("conflicts").forEach(c -> out.add(c.get("message").asString())));
        return out;
    }

    private static List<String> conflictsIn(List<JsonNode> responses) {
        List<String> out = new ArrayList<>();
        responses.forEach(r -> r.get("conflicts").forEach(c -> out.add(c.get("message").asString())));
        return out;
    }

    /** An editor making random gestures on the state it last heard of; answers the server's replies. */
    private Callable<List<JsonNode>> editor(Api who, Design start, int count, long seed) {
        return () -> {
            Random random = new Random(seed);
            UUID client = UUID.randomUUID();
            Design seen = start;
            List<JsonNode> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Design next = gesture(seen, random, i);
                Api.Res r = send(who, client, PatchDiff.between(seen, next));
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                replies.add(r.json());
                seen = read(r.json().get("design"));
            }
            return replies;
        };
    }

    private static Design gesture(Design d, Random random, int i) {
        List<Node> nodes = d.nodes();
        Node any = nodes.get(random.nextInt(nodes.size()));
        List<Node> dense = nodes.stream().filter(n -> n.type().equals("Dense")).toList();
        return switch (random.nextInt(6)) {
            case 0, 1 -> dense.isEmpty() ? d : setParam(d, dense.get(random.nextInt(Math.min(3, dense.size()))).id(),
                    "units", 1 + random.nextInt(500));
            case 2 -> d.withNodes(nodes.stream().map(n -> n == any
                    ? n.withPosition(new Position(random.nextInt(800), random.nextInt(800))) : n).toList());
            case 3 -> {
                List<Node> more = new ArrayList<>(nodes);
                more.add(new Node("extra" + (nodes.size() + 1), "Dense", Map.of("units", 4),
                        new Position(random.nextInt(800), 900)));
                yield d.withNodes(more);
            }
            case 4 -> {
                List<Node> extras = nodes.stream().filter(n -> n.id().startsWith("extra")).toList();
                if (extras.isEmpty()) {
                    yield d;
                }
                String gone = extras.get(random.nextInt(extras.size())).id();
                yield new Design(d.name(), d.description(), nodes.stream().filter(n -> !n.id().equals(gone)).toList(),
                        d.edges().stream().filter(e -> !e.from().equals(gone) && !e.to().equals(gone)).toList(),
                        d.networks(), d.blocks());
            }
            default -> {
                Node to = nodes.get(random.nextInt(nodes.size()));
                if (to == any || d.edges().stream().anyMatch(e -> e.to().equals(to.id()))) {
                    yield d;
                }
                List<Edge> edges = new ArrayList<>(d.edges());
                edges.add(new Edge(any.id(), to.id(), 0));
                yield d.withEdges(edges);
            }
        };
    }

    @Test
    void editsAndPresenceReachEveryInstancesSubscribersThroughNotify() throws Exception {
        BlockingQueue<LiveDesignFeed.Event> heard = new LinkedBlockingQueue<>();
        try (LiveDesignFeed.Subscription ignored = feed.subscribe(design, heard::add)) {
            Design base = live(alice);
            UUID client = UUID.randomUUID();
            Api.Res r = send(alice, client, PatchDiff.between(base, setParam(base, "output", "units", 12)));
            LiveDesignFeed.Event e = heard.poll(10, TimeUnit.SECONDS);
            assertThat(e).isEqualTo(new LiveDesignFeed.Edited(design, r.json().get("seq").asLong(), client));

            UUID tab = UUID.randomUUID();
            feed.announce(new LiveDesignFeed.Presence(design, tab, "bob", List.of("hidden1"), true));
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new LiveDesignFeed.RosterChanged(design));
            assertThat(feed.roster(design)).extracting(LiveDesignFeed.Presence::selection)
                    .containsExactly(List.of("hidden1"));
            feed.leave(design, tab);
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new LiveDesignFeed.RosterChanged(design));
            assertThat(feed.roster(design)).isEmpty();
        }
    }

    /**
     * A tab that leaves right after announcing itself stays gone: its own announcement, heard back through NOTIFY
     * after it left, must not bring it back (it did, until the leave was heard back too).
     */
    @Test
    void aTabThatLeavesRightAfterAnnouncingItselfIsNotBroughtBackByItsOwnAnnouncementHeardBack() throws Exception {
        BlockingQueue<LiveDesignFeed.Event> heard = new LinkedBlockingQueue<>();
        try (LiveDesignFeed.Subscription ignored = feed.subscribe(design, heard::add)) {
            UUID tab = UUID.randomUUID();
            feed.announce(new LiveDesignFeed.Presence(design, tab, "bob", List.of("hidden1"), true));
            feed.leave(design, tab);
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new LiveDesignFeed.RosterChanged(design));
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new LiveDesignFeed.RosterChanged(design));
            // both messages come back through PostgreSQL within this time on any machine that runs the suite
            assertThat(heard.poll(3, TimeUnit.SECONDS)).as("no roster change after the tab left").isNull();
            assertThat(feed.roster(design)).isEmpty();
        }
    }

    private Design version(int number) {
        Api.Res r = alice.get("/api/designs/" + design + "/versions/" + number);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return read(r.json().get("content"));
    }

    /**
     * Saving while editing live: the version is made from the shared working state, and a version a co-editor saved
     * from it meanwhile is no conflict (the saver is told of it). Only a version saved elsewhere (the REST API) while
     * the working state held its own edits makes the save stale: refused with the newer version, nothing overwritten.
     */
    @Test
    void aSaveFollowsAVersionACoEditorSavedFromTheSharedStateAndIsStaleOnlyAfterASaveFromElsewhere() {
        var a = accounts.find(username(alice)).orElseThrow();
        var b = accounts.find(username(bob)).orElseThrow();
        int first = liveDesigns.open(a, design).fromVersion();
        Design base = live(alice);
        assertThat(send(alice, UUID.randomUUID(), PatchDiff.between(base, setParam(base, "hidden1", "units", 33)))
                .status()).isEqualTo(200);
        LiveViews.SavedVersion bobs = liveDesigns.saveVersion(b, design, first, "bob saves");
        assertThat(bobs.saved().version().number()).isEqualTo(first + 1);
        assertThat(bobs.meanwhile()).isEmpty();

        Design now = live(bob);
        assertThat(send(bob, UUID.randomUUID(), PatchDiff.between(now, setParam(now, "hidden2", "units", 44)))
                .status()).isEqualTo(200);
        // alice's tab still knows only the first version: hers follows bob's, and she is told of his
        LiveViews.SavedVersion alices = liveDesigns.saveVersion(a, design, first, "alice saves");
        assertThat(alices.saved().version().number()).isEqualTo(first + 2);
        assertThat(alices.meanwhile()).containsExactly(new LiveViews.CoSave(first + 1, username(bob)));
        assertThat(version(first + 2).node("hidden1").orElseThrow().params()).containsEntry("units", 33);
        assertThat(version(first + 2).node("hidden2").orElseThrow().params()).containsEntry("units", 44);

        // a version saved through the REST API while the working state holds edits of its own: that is stale
        now = live(alice);
        assertThat(send(alice, UUID.randomUUID(), PatchDiff.between(now, setParam(now, "hidden1", "units", 55)))
                .status()).isEqualTo(200);
        Api.Res api = bob.post("/api/designs/" + design + "/versions", Map.of("baseVersion", first + 2,
                "design", designJson.toTree(setParam(version(first + 2), "output", "units", 10)),
                "message", "from a script"));
        assertThat(api.status()).as(api.text()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> liveDesigns.saveVersion(a, design, first + 2, "stale save"))
                .isInstanceOfSatisfying(dev.netwright.backend.api.ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(((dev.netwright.backend.design.DesignViews.Version) e.properties()
                            .get("currentVersion")).number()).isEqualTo(first + 3);
                });
        assertThat(alice.get("/api/designs/" + design + "/versions").json().toString())
                .doesNotContain("stale save");
        assertThat(live(alice).node("hidden1").orElseThrow().params()).as("the working state keeps its edits")
                .containsEntry("units", 55);
    }

    /**
     * Restoring an old version after a co-editor saved one that the restorer's tab has not heard of yet: the restore
     * is a live edit of the shared state, saved after the co-editor's version (the designer used to send its own
     * version as the base, and the co-editor's save made it stale: 409).
     */
    @Test
    void aRestoreAfterACoEditorsSaveIsALiveEditSavedAfterIt() {
        var a = accounts.find(username(alice)).orElseThrow();
        var b = accounts.find(username(bob)).orElseThrow();
        int first = liveDesigns.open(a, design).fromVersion();
        Design now = live(bob);
        assertThat(send(bob, UUID.randomUUID(), PatchDiff.between(now, setParam(now, "hidden1", "units", 33)))
                .status()).isEqualTo(200);
        assertThat(liveDesigns.saveVersion(b, design, first, "bob saves").saved().version().number())
                .isEqualTo(first + 1);

        UUID alicesTab = UUID.randomUUID();
        var restored = liveDesigns.restore(a, design, alicesTab, first, null);
        assertThat(restored.version().number()).isEqualTo(first + 2);
        assertThat(restored.version().restoredFrom()).isEqualTo(first);
        assertThat(version(first + 2).node("hidden1").orElseThrow().params()).containsEntry("units", 128);
        // everyone editing sees it: the shared state is the restored version, based on it, and the edit is logged
        LiveViews.State shared = liveDesigns.open(b, design);
        assertThat(shared.design()).isEqualTo(version(first + 2));
        assertThat(shared.fromVersion()).isEqualTo(first + 2);
        var last = liveDesigns.log(b, design, 0, 10_000).getLast();
        assertThat(last.clientId()).isEqualTo(alicesTab);
        assertThat(last.applied().ops()).contains(new DesignOp.SetParam("hidden1", "units", 33, 128));
        // bob's version stays in the history before it
        assertThat(version(first + 1).node("hidden1").orElseThrow().params()).containsEntry("units", 33);
    }

    /**
     * A Make block that cannot apply (a chosen layer was deleted by a co-editor the maker had not heard from) makes
     * nothing: no block in the workspace's library, the shared state untouched. (The designer used to put the block
     * into the library first and then send the edit, whose refusal left the block there.)
     */
    @Test
    void aRefusedMakeBlockLeavesNoBlockInTheLibrary() {
        var a = accounts.find(username(alice)).orElseThrow();
        Design seen = live(alice);
        Design now = live(bob);
        Design withoutHidden2 = now.withNodes(now.nodes().stream().filter(n -> !n.id().equals("hidden2")).toList())
                .withEdges(now.edges().stream().filter(e -> !e.from().equals("hidden2") && !e.to().equals("hidden2"))
                        .toList());
        assertThat(send(bob, UUID.randomUUID(), PatchDiff.between(now, withoutHidden2)).status()).isEqualTo(200);
        long seqBefore = liveDesigns.current(a, design).seq();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> liveBlocks.makeBlock(a, design, UUID.randomUUID(),
                        seen, List.of("hidden1", "hidden2"), "pair", "", "made in a test"))
                .isInstanceOfSatisfying(dev.netwright.backend.api.ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("hidden2 was deleted by another editor");
                });
        assertThat(alice.get("/api/workspaces/" + workspace + "/blocks").text()).doesNotContain("\"pair\"");
        assertThat(liveDesigns.current(a, design).seq()).as("no edit made").isEqualTo(seqBefore);
        assertThat(live(alice)).isEqualTo(withoutHidden2);

        // a name the library has already refuses the gesture as a whole too
        assertThat(alice.post("/api/workspaces/" + workspace + "/blocks", Map.of("block",
                designJson.blockTree(dev.netwright.designer.block.BlockExtraction.extract(withoutHidden2,
                        List.of("hidden1"), "taken", "").block()))).status()).isEqualTo(201);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> liveBlocks.makeBlock(a, design, UUID.randomUUID(),
                        withoutHidden2, List.of("hidden1"), "taken", "", "made in a test"))
                .isInstanceOf(dev.netwright.backend.api.ApiException.class);
        assertThat(live(alice)).isEqualTo(withoutHidden2);
    }

    /**
     * A block made from a tab's older view of a layer a co-editor just changed holds the layer as it is now (the
     * co-editor's edit is not lost), and the maker is told which layer changed. (The designer used to cut the block
     * from its own view and send that, putting the old values back.)
     */
    @Test
    void aBlockMadeFromAnOlderViewHoldsTheCoEditorsChangeAndTheMakerIsTold() {
        var a = accounts.find(username(alice)).orElseThrow();
        Design seen = live(alice);
        Design now = live(bob);
        assertThat(send(bob, UUID.randomUUID(), PatchDiff.between(now, setParam(now, "hidden1", "units", 33)))
                .status()).isEqualTo(200);

        LiveBlockService.Made made = liveBlocks.makeBlock(a, design, UUID.randomUUID(), seen,
                List.of("hidden1"), "head", "", "made in a test");
        Node inner = made.block().block().nodes().stream().filter(n -> n.id().equals("hidden1")).findFirst()
                .orElseThrow();
        assertThat(inner.params()).containsEntry("units", 33);
        assertThat(made.changedMeanwhile()).containsExactly("hidden1");
        assertThat(made.notice()).contains("hidden1 was changed by another editor");
        Design shared = live(bob);
        assertThat(shared.node("hidden1")).isEmpty();
        assertThat(shared.blocks()).anyMatch(b -> b.name().equals("head") && b.nodes().contains(inner));
        assertThat(alice.get("/api/workspaces/" + workspace + "/blocks").text()).contains("\"head\"");
    }

    /**
     * Block gestures are live edits like any other: one editor's "Make block", a second instance from the other,
     * an upgrade of one instance and its undo all reach the shared state; an edit of a layer that went into a block
     * meanwhile is reported to its author, and a definition an instance still pins stays.
     */
    @Test
    void blockGesturesOfOneEditorReachTheOtherAndMeetHisEditsByTheUsualRules() {
        Design base = live(alice);
        var made = dev.netwright.designer.block.BlockExtraction.extract(base, List.of("hidden1"), "wide",
                "one wide layer");
        Api.Res make = send(alice, UUID.randomUUID(), PatchDiff.between(base, made.design()));
        assertThat(make.status()).as(make.text()).isEqualTo(200);
        assertThat(make.json().get("conflicts").size()).isZero();
        Design seenByBob = live(bob);
        assertThat(seenByBob.blocks()).containsExactly(made.block());
        assertThat(seenByBob.node(made.instanceId())).isPresent();
        assertThat(seenByBob.node("hidden1")).isEmpty();

        // bob, a gesture behind, changes hidden1, which went into the block: he is told
        Api.Res late = send(bob, UUID.randomUUID(), PatchDiff.between(base, setParam(base, "hidden1", "units", 99)));
        assertThat(late.json().get("conflicts").get(0).get("message").asString())
                .contains("layer hidden1 was deleted by another editor").contains("units to 99");

        // bob drops a second instance of the block; alice upgrades the first to version 2 at the same time
        Node instance = seenByBob.node(made.instanceId()).orElseThrow();
        Design withSecond = seenByBob.withNodes(new ArrayList<>(seenByBob.nodes()) {{
            add(new Node("wide_2", instance.type(), instance.params(), new Position(600, 100)));
        }});
        assertThat(send(bob, UUID.randomUUID(), PatchDiff.between(seenByBob, withSecond)).status()).isEqualTo(200);
        var v2 = made.block().withVersion(2);
        Design upgraded = made.design().withBlocks(List.of(v2)).withNodes(made.design().nodes().stream()
                .map(n -> n.id().equals(made.instanceId())
                        ? n.withParam(dev.netwright.designer.block.BlockInstance.VERSION, 2) : n).toList());
        Api.Res up = send(alice, UUID.randomUUID(), PatchDiff.between(made.design(), upgraded));
        assertThat(up.json().get("conflicts").size()).isZero();
        Design shared = live(bob);
        assertThat(shared.node(made.instanceId()).orElseThrow().params())
                .containsEntry(dev.netwright.designer.block.BlockInstance.VERSION, 2);
        assertThat(shared.node("wide_2").orElseThrow().params())
                .containsEntry(dev.netwright.designer.block.BlockInstance.VERSION, 1);
        assertThat(shared.blocks()).as("version 1 stays: bob's instance pins it")
                .containsExactlyInAnyOrder(made.block(), v2);

        // alice takes her upgrade back: her instance pins version 1 again, and version 2, now unused, goes
        DesignPatch undo = patchJson.read(up.json().get("applied")).inverse();
        Api.Res back = send(alice, UUID.randomUUID(), undo);
        assertThat(back.json().get("conflicts").size()).isZero();
        Design after = live(alice);
        assertThat(after.node(made.instanceId()).orElseThrow().params())
                .containsEntry(dev.netwright.designer.block.BlockInstance.VERSION, 1);
        assertThat(after.blocks()).containsExactly(made.block());
    }

    /**
     * Another instance hears of a tab with a design's every layer selected (a NOTIFY payload of 8000 bytes or more is
     * refused by PostgreSQL): this test's own LISTEN connection stands for the other instance.
     */
    @Test
    void aTabWithThousandsOfLayersSelectedIsStillAnnouncedToOtherInstances() throws Exception {
        List<String> selection = java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> "dense_layer_" + i)
                .toList();
        UUID tab = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + NotifyingLiveDesignFeed.CHANNEL);
            }
            try {
                feed.announce(new LiveDesignFeed.Presence(design, tab, "bob", selection, true));
                JsonNode heard = null;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (heard == null && System.nanoTime() < until) {
                    PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(500);
                    for (PGNotification n : notes == null ? new PGNotification[0] : notes) {
                        JsonNode o = Api.JSON.readTree(n.getParameter());
                        if (o.path("c").asString().equals(tab.toString())) {
                            heard = o;
                        }
                    }
                }
                assertThat(heard).as("the presence reached the other instance's LISTEN connection").isNotNull();
                assertThat(heard.path("u").asString()).isEqualTo("bob");
                List<String> sent = new ArrayList<>();
                heard.path("s").forEach(id -> sent.add(id.asString()));
                assertThat(sent).as("the selection, in part").isNotEmpty().hasSizeLessThan(selection.size())
                        .isEqualTo(selection.subList(0, sent.size()));
            } finally {
                feed.leave(design, tab);
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *");
                }
            }
        }
    }
}
