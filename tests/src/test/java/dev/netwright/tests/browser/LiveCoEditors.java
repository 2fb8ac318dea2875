package dev.netwright.tests.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import dev.netwright.designer.coedit.DesignOp;
import dev.netwright.designer.coedit.DesignPatch;
import dev.netwright.designer.coedit.PatchApplier;
import dev.netwright.designer.coedit.PatchJson;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the live co-editing browser tests do and check, whichever app instance each browser uses: share a design
 * from a template, make random edits in the page as the canvas sends them, read the op log and the server's working
 * state, compare canvases with it, check every edit is in the log (applied, or a conflict shown to its author), and
 * measure how long an edit takes to reach another browser.
 */
final class LiveCoEditors {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The Dense layers of the template the random edits change {@code units} of (never deleted). */
    static final List<String> PARAM_LAYERS = List.of("hidden1", "hidden2", "output");
    /** How long a browser is offline half-way through its random edits (some gestures of each kind meanwhile). */
    static final long OFFLINE_MILLIS = 4000;

    private final DesignJson designJson = new DesignJson();
    private final PatchJson patchJson = new PatchJson(designJson);

    /** A browser page signed in as {@code name} on the app instance at {@code base}. */
    record Editor(Page page, String base, String name) {
    }

    /** What a page's canvas shows: layer ids with position and summary, and connections. */
    record Canvas(Map<String, String> layers, Set<String> edges) {
    }

    /**
     * Edit propagation times between two browsers, in milliseconds, sorted.
     *
     * @param drawn how many of the edits the other canvas drew one by one (the rest came with a later one)
     */
    record Latency(List<Long> millis, int drawn) {
        long p50() {
            return millis.get(millis.size() / 2);
        }

        long p99() {
            return millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
        }

        long max() {
            return millis.get(millis.size() - 1);
        }
    }

    /** Random gestures in the page, run in the background so both browsers edit at once; see {@code done}. */
    private static final String EDITOR_SCRIPT = """
            ({n, seed, base, params}) => {
              let s = seed;
              const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
              const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
              const canvas = document.querySelector('nw-design-canvas');
              const send = (c) => canvas.dispatchEvent(new CustomEvent('nw-command', {detail: JSON.stringify(c)}));
              const sleep = (ms) => new Promise(r => setTimeout(r, ms));
              const ids = () => [...document.querySelectorAll('[data-node-id]')].map(e => e.getAttribute('data-node-id'));
              const panelShows = (id) => {
                const f = document.querySelector('[data-testid=property-panel] [data-param="@id"]');
                return f && f.value === id;
              };
              window.__edits = [];
              window.__errors = [];
              window.__done = false;
              (async () => {
                for (let i = 0; i < n; i++) {
                 try {
                  const r = rnd();
                  const all = ids();
                  if (r < 0.15) {
                    send({kind: 'add', type: 'Dense', x: Math.round(rnd() * 1000), y: 700 + Math.round(rnd() * 500)});
                    window.__edits.push({k: 'add'});
                    // the server selects the new layer and the canvas reports that selection back a moment later,
                    // rebuilding the panel again: wait (up to 5 s) for the panel, then (up to 1 s) for that rebuild,
                    // so it cannot drop a parameter change typed next (a busy machine's run had 4 of 15 dropped so)
                    let shown = null;
                    for (let w = 0; w < 250 && !shown; w++) {
                      await sleep(20);
                      shown = ids().some(id => !all.includes(id) && panelShows(id))
                          ? document.querySelector('[data-testid=property-panel] [data-param="@id"]') : null;
                    }
                    for (let w = 0; w < 50 && shown && shown.isConnected; w++) {
                      await sleep(20);
                    }
                  } else if (r < 0.35) {
                    const id = pick(all), x = base + 2 * i, y = Math.round(rnd() * 1200);
                    send({kind: 'move', moves: [{id, x, y}]});
                    window.__edits.push({k: 'move', id, x, y});
                  } else if (r < 0.45) {
                    // never into the Input, as in the canvas (it has no input port, so no edge into it is drawn)
                    const source = pick(all), target = pick(all.filter(id => id !== 'input'));
                    send({kind: 'connect', source, target, port: 0});
                    window.__edits.push({k: 'connect', source, target});
                  } else if (r < 0.55) {
                    const extra = all.filter(id => !params.includes(id) && id !== 'input');
                    if (extra.length > 0) {
                      send({kind: 'delete', ids: [pick(extra)], edges: []});
                      window.__edits.push({k: 'delete'});
                    }
                  } else if (r < 0.93) {
                    const id = pick(params), value = 1000 * base + i;
                    // the panel is rebuilt for every selected layer: clear it first, so the field typed into
                    // below is the one the server built for this selection, not a stale one about to be replaced
                    send({kind: 'select', ids: []});
                    for (let w = 0; w < 2000 && document.querySelector(
                        '[data-testid=property-panel] [data-param="@id"]'); w++) {
                      await sleep(10);
                    }
                    send({kind: 'select', ids: [id]});
                    for (let w = 0; w < 2000 && !panelShows(id); w++) {
                      await sleep(10);
                    }
                    const field = document.querySelector('[data-testid=property-panel] [data-param="units"]');
                    if (!panelShows(id) || !field) {
                      // the server did not answer the selection within 20 s (a very busy machine): no edit made
                      window.__edits.push({k: 'skipped'});
                      continue;
                    }
                    // the field's value, committed with the change event the server synchronises it on
                    field.value = String(value);
                    field.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                    // the canvas reports its own selection changes (a layer just added is selected) a moment after
                    // the server's answer; the panel rebuilt for one before this change arrived drops the change
                    // with the old field, as it would a user's half-typed value: such edits are not counted
                    let kept = true;
                    for (let w = 0; w < 40 && kept; w++) {
                      await sleep(20);
                      kept = field.isConnected;
                    }
                    window.__edits.push({k: kept ? 'param' : 'param-panel-replaced', id, value});
                  } else {
                    send({kind: 'undo'});
                    window.__edits.push({k: 'undo'});
                  }
                 } catch (e) {
                  window.__errors.push(i + ': ' + e);
                 }
                  await sleep(10 + rnd() * 40);
                }
                window.__done = true;
              })();
            }
            """;

    JsonNode api(Editor e, String method, String path, Object body) {
        RequestOptions o = RequestOptions.create().setHeader("X-XSRF-TOKEN",
                PlaywrightTestBase.csrfToken(e.page(), e.base()));
        if (body != null) {
            o.setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body));
        }
        APIResponse r = e.page().request().fetch(e.base() + path, o.setMethod(method));
        assertThat(r.status()).as(method + " " + path + ": " + r.text()).isBetween(200, 201);
        return r.text().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.text());
    }

    /** The status of a POST from the editor's session. */
    int postStatus(Editor e, String path, Object body) {
        return e.page().request().post(e.base() + path, RequestOptions.create()
                .setHeader("X-XSRF-TOKEN", PlaywrightTestBase.csrfToken(e.page(), e.base()))
                .setHeader("Content-Type", "application/json").setData(JSON.writeValueAsString(body))).status();
    }

    Design read(JsonNode tree) {
        try {
            return designJson.read(tree.toString());
        } catch (dev.netwright.designer.format.DesignFormatException e) {
            throw new AssertionError(e);
        }
    }

    String write(Design d) {
        return designJson.write(d);
    }

    /**
     * A workspace of {@code owner} with {@code editors} and {@code viewers} as members, and a design from a template
     * in it; answers the design's id.
     */
    String share(Editor owner, List<Editor> editors, List<Editor> viewers) {
        String ws = api(owner, "POST", "/api/workspaces", Map.of("name", "Live")).get("id").asString();
        String project = api(owner, "POST", "/api/workspaces/" + ws + "/projects", Map.of("name", "together",
                "description", "")).get("id").asString();
        for (Editor e : editors) {
            invite(owner, ws, e, "EDITOR");
        }
        for (Editor v : viewers) {
            invite(owner, ws, v, "VIEWER");
        }
        return api(owner, "POST", "/api/projects/" + project + "/designs", Map.of("templateId", "mlp-fashion-mnist"))
                .get("designId").asString();
    }

    private void invite(Editor owner, String ws, Editor member, String role) {
        String inv = api(owner, "POST", "/api/workspaces/" + ws + "/invitations", Map.of("user", member.name(),
                "role", role)).get("id").asString();
        api(member, "POST", "/api/invitations/" + inv + "/accept", null);
    }

    /** Opens the design in the editor's designer and waits for its canvas. */
    void open(Editor e, String design) {
        e.page().navigate(e.base() + "/designer/" + design);
        new DesignerPage(e.page()).awaitCanvas();
        e.page().locator("[data-testid=node-hidden1]").waitFor();
    }

    /** The design as stored (its latest version). */
    Design stored(Editor e, String design) {
        return read(api(e, "GET", "/api/designs/" + design, null).get("content"));
    }

    /** The shared working state, as the editor's app instance reads it. */
    Design server(Editor e, String design) {
        return read(api(e, "GET", "/api/designs/" + design + "/live", null).get("design"));
    }

    JsonNode opLog(Editor e, String design) {
        return api(e, "GET", "/api/designs/" + design + "/live/ops?limit=10000", null);
    }

    /**
     * Starts {@code n} random edits in the page, in the background. Editors with a different {@code base} are told
     * apart in the log: moves to x = base + 2i, units 1000 * base + i.
     */
    void startRandomEdits(Editor e, int n, int seed, int base) {
        e.page().evaluate(EDITOR_SCRIPT, Map.of("n", n, "seed", seed, "base", base, "params", PARAM_LAYERS));
    }

    /** Waits until the page's random edits are done; fails on script errors. */
    @SuppressWarnings("unchecked")
    void awaitRandomEdits(Editor e, double timeoutMillis) {
        Page p = e.page();
        try {
            p.waitForFunction("() => window.__done", null, new Page.WaitForFunctionOptions()
                    .setTimeout(timeoutMillis));
        } catch (com.microsoft.playwright.TimeoutError ex) {
            throw new AssertionError("the random edits of " + e.name() + " did not finish: " + p.evaluate(
                    "() => window.__edits.length + ' done, errors ' + JSON.stringify(window.__errors)"), ex);
        }
        assertThat((List<Object>) p.evaluate("() => window.__errors")).as("script errors").isEmpty();
    }

    /**
     * The editor's browser loses its connection once half its random edits are done and gets it back
     * {@link #OFFLINE_MILLIS} later, its script editing on all the while: what it did offline is sent on the reconnect
     * (the later checks find every such edit in the log, applied or reported to it), and what the others did meanwhile
     * reaches its canvas.
     */
    void dropConnectionMidway(Editor e, int edits) {
        e.page().waitForFunction("n => window.__edits.length >= n", edits / 2,
                new Page.WaitForFunctionOptions().setTimeout(Math.max(150_000, edits * 3_000)));
        e.page().context().setOffline(true);
        e.page().waitForTimeout(OFFLINE_MILLIS);
        e.page().context().setOffline(false);
        System.out.printf("[co-editing] %s was offline for %d ms after %s of its edits%n", e.name(), OFFLINE_MILLIS,
                e.page().evaluate("() => window.__edits.length"));
    }

    /**
     * {@code offline} loses its connection and changes hidden2's units to 77 while {@code online} moves the output
     * layer; on the reconnect the edit made offline is sent and applied, and both canvases draw both edits.
     */
    void editOfflineThenReconnect(Editor offline, Editor online, String design) {
        DesignerPage page = new DesignerPage(offline.page());
        page.select("hidden2");
        offline.page().context().setOffline(true);
        page.setParam("units", "77");
        online.page().evaluate("() => document.querySelector('nw-design-canvas').dispatchEvent(new CustomEvent("
                + "'nw-command', {detail: JSON.stringify({kind: 'move', moves: [{id: 'output', x: 4321, y: 400}]})}))");
        offline.page().waitForTimeout(2000);
        offline.page().context().setOffline(false);
        long until = System.currentTimeMillis() + 40_000;
        Design server;
        do {
            offline.page().waitForTimeout(500);
            server = server(online, design);
        } while (!(Integer.valueOf(77).equals(server.node("hidden2").orElseThrow().params().get("units"))
                && server.node("output").orElseThrow().position().x() == 4321)
                && System.currentTimeMillis() < until);
        assertThat(server.node("hidden2").orElseThrow().params()).as("the edit made offline was sent")
                .containsEntry("units", 77);
        assertThat(server.node("output").orElseThrow().position().x()).isEqualTo(4321);
        assertThat(server(offline, design)).as("both app instances serve one state").isEqualTo(server);
        awaitDrawn(offline, server);
        awaitDrawn(online, server);
    }

    /** Replays the op log on {@code start}, checking each edit replays as logged; answers the result. */
    Design replay(Design start, JsonNode log) {
        Design replayed = start;
        for (JsonNode e : log) {
            DesignPatch ops = patchJson.read(e.get("ops"));
            PatchApplier.Result r = PatchApplier.apply(replayed, ops);
            assertThat(r.applied()).as("edit %s replays as logged", e.get("seq")).isEqualTo(ops);
            replayed = r.design();
        }
        return replayed;
    }

    /**
     * The working state once the editors' last gestures have arrived: a script's last gesture may still be on its
     * way to its server when the script ends, so the state is read again until every canvas draws it and it stays
     * the same for a second (up to 45 s; then the checks of {@link #awaitDrawn} say what differs).
     */
    Design settled(Editor reader, String design, List<Editor> editors) {
        long until = System.currentTimeMillis() + 45_000;
        Design server = server(reader, design);
        while (System.currentTimeMillis() < until) {
            Design now = server;
            if (editors.stream().allMatch(e -> drawn(canvas(e.page()), now))) {
                reader.page().waitForTimeout(1000);
                Design again = server(reader, design);
                if (again.equals(now)) {
                    return now;
                }
                server = again;
            } else {
                reader.page().waitForTimeout(300);
                server = server(reader, design);
            }
        }
        return server;
    }

    /** Waits (up to 45 s) until the editor's canvas draws {@code server}; fails showing both. */
    void awaitDrawn(Editor e, Design server) {
        long until = System.currentTimeMillis() + 45_000;
        while (!drawn(canvas(e.page()), server) && System.currentTimeMillis() < until) {
            e.page().waitForTimeout(200);
        }
        assertThat(drawn(canvas(e.page()), server)).as("the canvas of %s draws the server's state %s: %s", e.name(),
                designJson.write(server), canvas(e.page())).isTrue();
    }

    @SuppressWarnings("unchecked")
    static Canvas canvas(Page p) {
        Map<String, Object> shown = (Map<String, Object>) p.evaluate("""
                () => {
                  const layers = {};
                  document.querySelectorAll('.react-flow__node').forEach(n => {
                    const inner = n.querySelector('[data-node-id]');
                    if (!inner) return;
                    const m = /translate\\(([-0-9.]+)px,\\s*([-0-9.]+)px\\)/.exec(n.style.transform);
                    const summary = inner.querySelector('.nw-node-summary');
                    layers[inner.getAttribute('data-node-id')] = Math.round(+m[1]) + ',' + Math.round(+m[2]) + '|'
                        + (summary ? summary.textContent : '');
                  });
                  const edges = [...document.querySelectorAll('.react-flow__edge')].map(e => e.getAttribute('data-id'));
                  return {layers, edges};
                }""");
        return new Canvas(new TreeMap<>((Map<String, String>) shown.get("layers")),
                new HashSet<>((List<String>) shown.get("edges")));
    }

    /** Whether the canvas draws the server's state: positions, the units of Dense layers, connections. */
    static boolean drawn(Canvas c, Design d) {
        if (!c.layers().keySet().equals(d.nodes().stream().map(Node::id).collect(Collectors.toSet()))) {
            return false;
        }
        for (Node n : d.nodes()) {
            String shown = c.layers().get(n.id());
            if (!shown.startsWith(Math.round(n.position().x()) + "," + Math.round(n.position().y()) + "|")) {
                return false;
            }
            if (n.type().equals("Dense") && n.params().get("units") != null
                    && !(shown + " ").contains("units " + n.params().get("units") + " ")) {
                return false;
            }
        }
        Set<String> edges = new HashSet<>();
        d.edges().forEach(e -> edges.add(e.from() + "->" + e.to() + ":" + e.toPort()));
        return c.edges().equals(edges);
    }

    /**
     * Checks the editor's random edits against the op log: every parameter change and move is in it, applied or as
     * a conflict, and every new layer; the page's conflict counter shows the conflicts the log holds for the
     * editor. Answers how many conflicts the editor was told of.
     */
    int checkEditsInLog(Editor e, JsonNode log) {
        List<JsonNode> mine = new ArrayList<>();
        log.forEach(entry -> {
            if (entry.get("author").asString().equals(e.name())) {
                mine.add(entry);
            }
        });
        List<Map<String, Object>> edits = editsOf(e.page());
        int adds = 0;
        long params = edits.stream().filter(x -> x.get("k").equals("param")).count();
        long replaced = edits.stream().filter(x -> x.get("k").equals("param-panel-replaced")).count();
        System.out.printf("[co-editing] %s: %d parameter changes checked, %d typed into a panel rebuilt "
                + "meanwhile%n", e.name(), params, replaced);
        assertThat(params).as("most parameter changes are checked").isGreaterThan(replaced);
        for (Map<String, Object> edit : edits) {
            switch ((String) edit.get("k")) {
                case "param" -> assertThat(inLog(mine, op -> op instanceof DesignOp.SetParam s
                        && s.nodeId().equals(edit.get("id")) && s.param().equals("units")
                        && s.to() instanceof Integer v && v == ((Number) edit.get("value")).intValue()))
                        .as("%s's change %s is in the log", e.name(), edit).isTrue();
                case "move" -> assertThat(inLog(mine, op -> op instanceof DesignOp.MoveNode m
                        && m.nodeId().equals(edit.get("id"))
                        && m.to().x() == ((Number) edit.get("x")).doubleValue()))
                        .as("%s's move %s is in the log", e.name(), edit).isTrue();
                case "add" -> adds++;
                default -> {
                }
            }
        }
        long added = mine.stream().flatMap(x -> patchJson.read(x.get("ops")).ops().stream())
                .filter(op -> op instanceof DesignOp.AddNode a && a.node().type().equals("Dense")).count();
        assertThat(added).as("%s's new layers are in the log", e.name()).isGreaterThanOrEqualTo(adds);
        int told = mine.stream().mapToInt(x -> x.get("conflicts").size()).sum();
        if (told == 0) {
            // the counter is only on the page once there is something to count
            assertThat(e.page().locator("[data-testid=live-notices]")).not().isVisible();
        } else {
            assertThat(e.page().locator("[data-testid=live-notices]")).hasAttribute("data-count",
                    String.valueOf(told));
        }
        return told;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> editsOf(Page p) {
        return (List<Map<String, Object>>) p.evaluate("() => window.__edits");
    }

    private boolean inLog(List<JsonNode> entries, Predicate<DesignOp> match) {
        for (JsonNode e : entries) {
            if (patchJson.read(e.get("ops")).ops().stream().anyMatch(match)) {
                return true;
            }
            for (JsonNode c : e.get("conflicts")) {
                if (match.test(patchJson.read(JSON.createArrayNode().add(c.get("op"))).ops().get(0))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Edit propagation latency between two browsers: {@code from} moves {@code node} {@code samples} times, a
     * quarter second apart, to x = {@code firstX} + i; a mutation observer in {@code to} notes when its canvas
     * draws each position (both browsers share the machine's clock). An edit has arrived when the other canvas draws
     * it or a later one: a busy server may send two quick edits in one update.
     */
    @SuppressWarnings("unchecked")
    static Latency propagation(Editor from, Editor to, String node, int samples, int firstX) {
        to.page().evaluate("""
                ({node, firstX}) => {
                  window.__seen = {};
                  window.__furthest = -1;
                  new MutationObserver(() => {
                    const n = document.querySelector('.react-flow__node[data-id="' + node + '"]');
                    const m = n && /translate\\(([-0-9.]+)px/.exec(n.style.transform);
                    if (m && +m[1] >= firstX && !(m[1] in window.__seen)) {
                      window.__seen[m[1]] = Date.now();
                      window.__furthest = Math.max(window.__furthest, +m[1]);
                    }
                  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['style']});
                }""", Map.of("node", node, "firstX", firstX));
        from.page().evaluate("""
                async ({node, n, firstX}) => {
                  const canvas = document.querySelector('nw-design-canvas');
                  window.__sent = {};
                  for (let i = 0; i < n; i++) {
                    const x = firstX + i;
                    window.__sent[x] = Date.now();
                    canvas.dispatchEvent(new CustomEvent('nw-command', {detail: JSON.stringify(
                        {kind: 'move', moves: [{id: node, x, y: 100}]})}));
                    await new Promise(r => setTimeout(r, 250));
                  }
                }""", Map.of("node", node, "n", samples, "firstX", firstX));
        to.page().waitForFunction("last => window.__furthest >= last", firstX + samples - 1,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
        Map<String, Number> sent = (Map<String, Number>) from.page().evaluate("() => window.__sent");
        Map<String, Number> seen = (Map<String, Number>) to.page().evaluate("() => window.__seen");
        List<Long> millis = new ArrayList<>();
        sent.forEach((x, t) -> millis.add(seen.entrySet().stream()
                .filter(s -> Double.parseDouble(s.getKey()) >= Double.parseDouble(x))
                .mapToLong(s -> s.getValue().longValue()).min().orElseThrow() - t.longValue()));
        Collections.sort(millis);
        return new Latency(List.copyOf(millis), seen.size());
    }
}
