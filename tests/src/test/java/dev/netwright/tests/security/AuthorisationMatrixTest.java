package dev.netwright.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} endpoint, found in Spring's handler mapping (so that new ones are covered automatically), called
 * as anonymous, as a signed-in stranger to the workspace, and as viewer, editor and owner: nobody gets more than their
 * role allows. Anonymous gets 401, a non-member 404 (the workspace's data does not exist for them), a member with too
 * weak a role 403, and the weakest role that is allowed gets a real answer (not 401/403/404, never 5xx).
 *
 * <p>An endpoint missing from {@link #TABLE} fails the test with its name: add one line saying who may call it and
 * how (path with fixture placeholders, body). The matrix runs with API tokens and again with browser sessions (with
 * and without the CSRF token); the web UI's routes have the same matrix in {@code UiRoutesAccessIT}, which needs the
 * whole app and a browser.
 */
class AuthorisationMatrixTest extends RunTestSupport {

    /** Who may call an endpoint. Workspace roles are ordered: an owner may do what an editor may, and so on. */
    enum Access {
        /** no sign-in needed */
        PUBLIC,
        /** any signed-in account; not about one workspace's data */
        SIGNED_IN,
        /** administrators only */
        ADMIN,
        /** worker tokens only */
        WORKER,
        VIEWER, EDITOR, OWNER,
        /** only the invited account; everybody else gets 404 */
        INVITEE,
        /** only the account the resource belongs to (its own API token); everybody else gets 404 */
        SELF
    }

    /**
     * How to call one endpoint. {@code path} and {@code body} use placeholders filled from the fixture: {W} workspace,
     * {P} project, {D} design, {DS} dataset, {R} a finished run, {INV} an invitation, {MEMBER} a member's user id,
     * {TOKEN} an API token of the owner, {WT} a worker token, {INVITEE} the invitee's username, {UNIQUE} a fresh
     * name, {DESIGN} a valid design document. {@code destructive} calls get a fresh workspace fixture.
     */
    record Call(Access access, String path, String body, String contentType, boolean destructive) {
    }

    private static final String JSON = "application/json";
    private static final String STREAM = "text/event-stream";
    private static final String ZIP = "application/zip";
    private static final String UPLOAD = "multipart/form-data";

    private static final Map<String, Call> TABLE = new LinkedHashMap<>();

    /**
     * Fixture data of other features, made by the workspace owner: placeholder (e.g. {@code "{S}"}) to a function
     * that creates it in fixture {@code f} and returns its id. Placeholders of earlier lines can be used in later ones.
     */
    private static final Map<String, java.util.function.BiFunction<Users, Fixture, String>> EXTRA =
            new LinkedHashMap<>();

    private static final String SWEEP = "{\"designId\":\"{D}\",\"dataset\":{\"builtin\":\"moons\",\"limit\":50},"
            + "\"queue\":\"parked-{UNIQUE}\",\"parameters\":{\"learningRate\":{\"logUniform\":[0.001,0.1]}},"
            + "\"maxTrials\":2}";

    /** A one-layer block definition named {@code name}. */
    private static String block(String name) {
        return "{\"name\":\"" + name + "\",\"version\":1,\"inputs\":[\"in\"],\"output\":\"d\","
                + "\"nodes\":[{\"id\":\"d\",\"type\":\"Dense\",\"params\":{\"units\":2}}],"
                + "\"edges\":[{\"from\":\"in\",\"to\":\"d\"}]}";
    }

    /** A block in the fixture's workspace; returns its name. */
    private static String workspaceBlock(Users u, Fixture f) {
        String name = "mx" + UUID.randomUUID().toString().substring(0, 8);
        Api.Res created = u.owner().post("/api/workspaces/" + f.workspace() + "/blocks",
                Api.JSON.readTree("{\"block\":" + block(name) + "}"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    /** A sweep whose trial 0 the scheduler has queued, so trial endpoints have something to act on. */
    private static String sweepWithATrial(Users u, Fixture f) {
        Api.Res created = u.owner().post("/api/projects/" + f.project() + "/sweeps", Api.JSON.readTree(f.fill(SWEEP)));
        String id = created.str("id");
        long deadline = System.currentTimeMillis() + 30_000;
        while (u.owner().get("/api/sweeps/" + id).json().path("trials").isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("sweep " + id + " queued no trial within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return id;
    }

    private static void call(String endpoint, Access access, String path, String body) {
        TABLE.put(endpoint, new Call(access, path, body, body == null ? null : JSON, false));
    }

    private static void destructive(String endpoint, Access access, String path, String body) {
        TABLE.put(endpoint, new Call(access, path, body, body == null ? null : JSON, true));
    }

    /** An event stream that stays open while the caller may read it: only the answer's status is checked. */
    private static void stream(String endpoint, Access access, String path) {
        TABLE.put(endpoint, new Call(access, path, null, STREAM, false));
    }

    private static void typed(String endpoint, Access access, String path, String body, String contentType) {
        TABLE.put(endpoint, new Call(access, path, body, contentType, false));
    }

    static {
        // accounts and tokens
        call("GET /api/auth/status", Access.PUBLIC, "/api/auth/status", null);
        call("POST /api/auth/signup", Access.PUBLIC, "/api/auth/signup",
                "{\"username\":\"{UNIQUE}\",\"email\":\"{UNIQUE}@example.org\",\"password\":\"" + PASSWORD + "\"}");
        call("POST /api/auth/login", Access.PUBLIC, "/api/auth/login",
                "{\"username\":\"{INVITEE}\",\"password\":\"" + PASSWORD + "\"}");
        call("POST /api/auth/logout", Access.SIGNED_IN, "/api/auth/logout", "");
        call("GET /api/auth/me", Access.SIGNED_IN, "/api/auth/me", null);
        call("POST /api/tokens", Access.SIGNED_IN, "/api/tokens", "{\"name\":\"t\"}");
        call("GET /api/tokens", Access.SIGNED_IN, "/api/tokens", null);
        destructive("DELETE /api/tokens/{id}", Access.SELF, "/api/tokens/{TOKEN}", null);
        // administration
        call("GET /api/admin/audit", Access.ADMIN, "/api/admin/audit", null);
        call("POST /api/admin/worker-tokens", Access.ADMIN, "/api/admin/worker-tokens", "{\"name\":\"w\"}");
        call("GET /api/admin/worker-tokens", Access.ADMIN, "/api/admin/worker-tokens", null);
        destructive("DELETE /api/admin/worker-tokens/{id}", Access.ADMIN, "/api/admin/worker-tokens/{WT}", null);
        // sign-up invitations ({SI}: an open invitation the administrator created)
        EXTRA.put("{SI}", (u, f) -> u.admin().post("/api/admin/signup-invitations", Api.map()).json()
                .get("invitation").get("id").asString());
        call("POST /api/admin/signup-invitations", Access.ADMIN, "/api/admin/signup-invitations",
                "{\"email\":\"{UNIQUE}@example.org\"}");
        call("GET /api/admin/signup-invitations", Access.ADMIN, "/api/admin/signup-invitations", null);
        destructive("DELETE /api/admin/signup-invitations/{id}", Access.ADMIN, "/api/admin/signup-invitations/{SI}",
                null);
        // workspaces, members, invitations, projects
        call("POST /api/workspaces", Access.SIGNED_IN, "/api/workspaces", "{\"name\":\"another\"}");
        call("GET /api/workspaces", Access.SIGNED_IN, "/api/workspaces", null);
        call("GET /api/workspaces/{id}", Access.VIEWER, "/api/workspaces/{W}", null);
        call("PATCH /api/workspaces/{id}", Access.OWNER, "/api/workspaces/{W}", "{\"name\":\"renamed\"}");
        call("GET /api/workspaces/{id}/members", Access.VIEWER, "/api/workspaces/{W}/members", null);
        call("PUT /api/workspaces/{id}/members/{userId}", Access.OWNER, "/api/workspaces/{W}/members/{MEMBER}",
                "{\"role\":\"viewer\"}");
        destructive("DELETE /api/workspaces/{id}/members/{userId}", Access.OWNER,
                "/api/workspaces/{W}/members/{MEMBER}", null);
        call("POST /api/workspaces/{id}/invitations", Access.OWNER, "/api/workspaces/{W}/invitations",
                "{\"user\":\"{INVITEE}\",\"role\":\"viewer\"}");
        call("GET /api/workspaces/{id}/invitations", Access.OWNER, "/api/workspaces/{W}/invitations", null);
        destructive("DELETE /api/workspaces/{id}/invitations/{invitationId}", Access.OWNER,
                "/api/workspaces/{W}/invitations/{INV}", null);
        call("GET /api/invitations", Access.SIGNED_IN, "/api/invitations", null);
        destructive("POST /api/invitations/{id}/accept", Access.INVITEE, "/api/invitations/{INV}/accept", "");
        destructive("POST /api/invitations/{id}/decline", Access.INVITEE, "/api/invitations/{INV}/decline", "");
        call("GET /api/workspaces/{id}/audit", Access.OWNER, "/api/workspaces/{W}/audit", null);
        call("POST /api/workspaces/{id}/projects", Access.EDITOR, "/api/workspaces/{W}/projects", "{\"name\":\"p2\"}");
        call("GET /api/workspaces/{id}/projects", Access.VIEWER, "/api/workspaces/{W}/projects", null);
        call("GET /api/projects/{id}", Access.VIEWER, "/api/projects/{P}", null);
        call("PATCH /api/projects/{id}", Access.EDITOR, "/api/projects/{P}", "{\"description\":\"d\"}");
        destructive("DELETE /api/projects/{id}", Access.OWNER, "/api/projects/{P}", null);
        // designs
        call("GET /api/templates", Access.SIGNED_IN, "/api/templates", null);
        call("GET /api/templates/{id}", Access.SIGNED_IN, "/api/templates/lenet-cnn", null);
        call("POST /api/analyze", Access.SIGNED_IN, "/api/analyze", "{DESIGN}");
        call("POST /api/projects/{projectId}/designs", Access.EDITOR, "/api/projects/{P}/designs",
                "{\"templateId\":\"lenet-cnn\"}");
        call("POST /api/projects/{projectId}/designs/import", Access.EDITOR, "/api/projects/{P}/designs/import",
                "{DESIGN}");
        call("GET /api/projects/{projectId}/designs", Access.VIEWER, "/api/projects/{P}/designs", null);
        call("GET /api/designs/{id}", Access.VIEWER, "/api/designs/{D}", null);
        call("PATCH /api/designs/{id}", Access.EDITOR, "/api/designs/{D}", "{\"name\":\"renamed\"}");
        destructive("DELETE /api/designs/{id}", Access.EDITOR, "/api/designs/{D}", null);
        call("POST /api/designs/{id}/versions", Access.EDITOR, "/api/designs/{D}/versions",
                "{\"baseVersion\":1,\"design\":{DESIGN}}");
        call("GET /api/designs/{id}/versions", Access.VIEWER, "/api/designs/{D}/versions", null);
        call("GET /api/designs/{id}/versions/{number}", Access.VIEWER, "/api/designs/{D}/versions/1", null);
        call("POST /api/designs/{id}/versions/{number}/restore", Access.EDITOR, "/api/designs/{D}/versions/1/restore",
                "{}");
        call("GET /api/designs/{id}/diff", Access.VIEWER, "/api/designs/{D}/diff?from=1&to=1", null);
        call("GET /api/designs/{id}/export", Access.VIEWER, "/api/designs/{D}/export", null);
        call("GET /api/designs/{id}/pytorch", Access.VIEWER, "/api/designs/{D}/pytorch", null);
        call("GET /api/designs/{id}/versions/{number}/weights", Access.VIEWER, "/api/designs/{D}/versions/1/weights",
                null);
        typed("POST /api/projects/{projectId}/designs/import-onnx", Access.EDITOR,
                "/api/projects/{P}/designs/import-onnx", "", UPLOAD);
        call("GET /api/designs/{id}/block-upgrades", Access.VIEWER, "/api/designs/{D}/block-upgrades", null);
        // live co-editing: the shared working state, its op log, edits (viewers refused), and save notices
        call("GET /api/designs/{designId}/live", Access.VIEWER, "/api/designs/{D}/live", null);
        call("GET /api/designs/{designId}/live/ops", Access.VIEWER, "/api/designs/{D}/live/ops", null);
        call("POST /api/designs/{designId}/live/ops", Access.EDITOR, "/api/designs/{D}/live/ops",
                "{\"ops\":[{\"op\":\"setText\",\"field\":\"description\",\"from\":null,\"to\":\"{UNIQUE}\"}]}");
        stream("GET /api/designs/{id}/events", Access.VIEWER, "/api/designs/{D}/events");
        // block library ({B}: a block of the workspace, made by the owner)
        EXTRA.put("{B}", AuthorisationMatrixTest::workspaceBlock);
        call("GET /api/workspaces/{workspaceId}/blocks", Access.VIEWER, "/api/workspaces/{W}/blocks", null);
        call("POST /api/workspaces/{workspaceId}/blocks", Access.EDITOR, "/api/workspaces/{W}/blocks",
                "{\"block\":" + block("b{UNIQUE}") + "}");
        call("GET /api/workspaces/{workspaceId}/blocks/{name}", Access.VIEWER, "/api/workspaces/{W}/blocks/{B}", null);
        call("POST /api/workspaces/{workspaceId}/blocks/{name}/versions", Access.EDITOR,
                "/api/workspaces/{W}/blocks/{B}/versions", "{\"baseVersion\":1,\"block\":" + block("{B}") + "}");
        // datasets
        call("GET /api/datasets/builtin", Access.SIGNED_IN, "/api/datasets/builtin", null);
        call("GET /api/projects/{projectId}/datasets", Access.VIEWER, "/api/projects/{P}/datasets", null);
        typed("POST /api/projects/{projectId}/datasets", Access.EDITOR, "/api/projects/{P}/datasets", "", UPLOAD);
        call("GET /api/datasets/{id}", Access.VIEWER, "/api/datasets/{DS}", null);
        call("GET /api/datasets/{id}/preview", Access.VIEWER, "/api/datasets/{DS}/preview", null);
        call("GET /api/datasets/{id}/files", Access.VIEWER, "/api/datasets/{DS}/files?path=pets/cats/1.png", null);
        destructive("DELETE /api/datasets/{id}", Access.EDITOR, "/api/datasets/{DS}", null);
        // runs
        call("POST /api/projects/{projectId}/runs", Access.EDITOR, "/api/projects/{P}/runs",
                "{\"designId\":\"{D}\",\"dataset\":{\"builtin\":\"moons\",\"limit\":50},"
                        + "\"queue\":\"parked-{UNIQUE}\"}");
        call("GET /api/projects/{projectId}/runs", Access.VIEWER, "/api/projects/{P}/runs", null);
        call("GET /api/projects/{projectId}/run-tags", Access.VIEWER, "/api/projects/{P}/run-tags", null);
        call("GET /api/runs/{id}", Access.VIEWER, "/api/runs/{R}", null);
        call("PATCH /api/runs/{id}", Access.EDITOR, "/api/runs/{R}", "{\"tags\":[\"checked\"]}");
        call("POST /api/runs/{id}/cancel", Access.EDITOR, "/api/runs/{R}/cancel", "");
        call("GET /api/runs/{id}/metrics", Access.VIEWER, "/api/runs/{R}/metrics", null);
        call("GET /api/runs/{id}/events", Access.VIEWER, "/api/runs/{R}/events", null);
        call("GET /api/runs/{id}/artifact", Access.VIEWER, "/api/runs/{R}/artifact", null);
        call("GET /api/runs/{id}/pytorch", Access.VIEWER, "/api/runs/{R}/pytorch", null);
        call("GET /api/runs/{id}/samples", Access.VIEWER, "/api/runs/{R}/samples", null);
        call("GET /api/runs/{id}/samples/{epoch}", Access.VIEWER, "/api/runs/{R}/samples/1", null);
        // trained models ({R} is a finished moons run, so it is also a model)
        call("GET /api/models/{id}", Access.VIEWER, "/api/models/{R}", null);
        call("POST /api/models/{id}/predict", Access.VIEWER, "/api/models/{R}/predict", "{\"inputs\":[[0.5,0.5]]}");
        typed("POST /api/models/{id}/predict-csv", Access.VIEWER, "/api/models/{R}/predict-csv", "", UPLOAD);
        call("POST /api/models/{id}/generate", Access.VIEWER, "/api/models/{R}/generate", "{\"n\":1}");
        // sweeps ({S}: a sweep on a queue no worker serves, with its first trial queued)
        EXTRA.put("{S}", AuthorisationMatrixTest::sweepWithATrial);
        call("POST /api/projects/{projectId}/sweeps", Access.EDITOR, "/api/projects/{P}/sweeps", SWEEP);
        call("GET /api/projects/{projectId}/sweeps", Access.VIEWER, "/api/projects/{P}/sweeps", null);
        call("GET /api/sweeps/{id}", Access.VIEWER, "/api/sweeps/{S}", null);
        call("POST /api/sweeps/{id}/stop", Access.EDITOR, "/api/sweeps/{S}/stop", "");
        call("POST /api/sweeps/{id}/extend", Access.EDITOR, "/api/sweeps/{S}/extend", "{\"addTrials\":1}");
        call("POST /api/sweeps/{id}/trials/{number}/stop", Access.EDITOR, "/api/sweeps/{S}/trials/0/stop", "");
        call("POST /api/sweeps/{id}/promote", Access.EDITOR, "/api/sweeps/{S}/promote", "");
        call("PUT /api/workspaces/{workspaceId}/run-limit", Access.OWNER, "/api/workspaces/{W}/run-limit",
                "{\"maxRunningRuns\":2}");
        call("GET /api/workspaces/{workspaceId}/storage", Access.OWNER, "/api/workspaces/{W}/storage", null);
        call("PUT /api/admin/workspaces/{workspaceId}/storage-quota", Access.ADMIN,
                "/api/admin/workspaces/{W}/storage-quota", "{\"quotaBytes\":null}");
        // the worker protocol (worker tokens; the run is not held by the caller, hence 409 for the worker)
        call("POST /api/workers/claim", Access.WORKER, "/api/workers/claim", "");
        call("POST /api/workers/runs/{runId}/heartbeat", Access.WORKER, "/api/workers/runs/{R}/heartbeat", "");
        call("POST /api/workers/runs/{runId}/metrics", Access.WORKER, "/api/workers/runs/{R}/metrics",
                "{\"kind\":\"MESSAGE\",\"payload\":{\"text\":\"x\"}}");
        typed("PUT /api/workers/runs/{runId}/checkpoint", Access.WORKER, "/api/workers/runs/{R}/checkpoint", "zip",
                ZIP);
        typed("PUT /api/workers/runs/{runId}/samples/{epoch}", Access.WORKER, "/api/workers/runs/{R}/samples/1",
                "not a png", "image/png");
        call("GET /api/workers/runs/{runId}/checkpoint", Access.WORKER, "/api/workers/runs/{R}/checkpoint", null);
        call("GET /api/workers/runs/{runId}/dataset", Access.WORKER, "/api/workers/runs/{R}/dataset", null);
        call("GET /api/workers/runs/{runId}/starting-weights", Access.WORKER,
                "/api/workers/runs/{R}/starting-weights", null);
        typed("PUT /api/workers/runs/{runId}/artifact", Access.WORKER, "/api/workers/runs/{R}/artifact", "zip", ZIP);
        call("POST /api/workers/runs/{runId}/finish", Access.WORKER, "/api/workers/runs/{R}/finish",
                "{\"status\":\"FAILED\",\"failure\":\"x\"}");
        // the API description (springdoc)
        call("GET /api/docs/openapi.json", Access.PUBLIC, "/api/docs/openapi.json", null);
        call("GET /api/docs/openapi.json/swagger-config", Access.PUBLIC, "/api/docs/openapi.json/swagger-config",
                null);
        call("GET /api/docs/openapi.json.yaml", Access.PUBLIC, "/api/docs/openapi.json.yaml", null);
        call("GET /api/docs/index.html", Access.PUBLIC, "/api/docs/index.html", null);
        call("GET /api/docs", Access.PUBLIC, "/api/docs", null);
    }

    @Autowired
    dev.netwright.backend.samples.RunSampleStore samples;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsInTheTable() {
        Set<String> endpoints = apiEndpoints();
        Set<String> unknown = new TreeSet<>(endpoints);
        unknown.removeAll(TABLE.keySet());
        assertThat(unknown).as("endpoints this test does not know how to call: add a line for each to "
                + "AuthorisationMatrixTest.TABLE saying who may call it").isEmpty();
        Set<String> stale = new TreeSet<>(TABLE.keySet());
        stale.removeAll(endpoints);
        assertThat(stale).as("table lines for endpoints that no longer exist").isEmpty();
    }

    @Test
    void nobodyGetsMoreThanTheirRoleAllows() throws Exception {
        Users users = users();
        Fixture shared = fixture(users, true);
        List<String> failures = new ArrayList<>();
        for (String endpoint : new TreeSet<>(apiEndpoints())) {
            Call call = TABLE.get(endpoint);
            if (call == null) {
                continue; // reported by everyApiEndpointIsInTheTable
            }
            Fixture f = call.destructive() ? fixture(users, false).withRun(shared.run()) : shared;
            check(endpoint, call, users, f, failures);
        }
        assertThat(failures).as("authorisation failures").isEmpty();
        assertThat(notProblemDetails).as("4xx/5xx answers that are not RFC 9457 problem details").isEmpty();
    }

    /**
     * The same matrix with browser sessions instead of API tokens (with the CSRF token, as the app's pages send it),
     * then every call that changes something without the token: a forged cross-site request, refused with 403.
     */
    @Test
    void sessionCookiesGetTheSameAnswersAndChangesNeedTheCsrfToken() throws Exception {
        Users tokens = users();
        Users sessions = tokens.asSessions(port);
        Fixture shared = fixture(tokens, true);
        List<String> failures = new ArrayList<>();
        for (String endpoint : new TreeSet<>(apiEndpoints())) {
            Call call = TABLE.get(endpoint);
            if (call == null || endpoint.equals("POST /api/auth/logout")) {
                continue; // logging out would end the session the next calls use; checked below
            }
            Fixture f = call.destructive() ? fixture(tokens, false).withRun(shared.run()) : shared;
            check(endpoint, call, sessions, f, failures);
        }
        int forged = 0;
        for (String endpoint : new TreeSet<>(apiEndpoints())) {
            Call call = TABLE.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            if (call == null || Set.of("GET", "HEAD").contains(method) || call.access() == Access.PUBLIC
                    || call.access() == Access.WORKER) {
                continue;
            }
            Api who = switch (call.access()) {
                case ADMIN -> sessions.admin();
                case INVITEE -> sessions.invitee();
                case VIEWER -> sessions.viewer();
                case EDITOR -> sessions.editor();
                default -> sessions.owner();
            };
            Fixture f = call.destructive() ? fixture(tokens, false).withRun(shared.run()) : shared;
            Api.Res r = send(who.csrf(false), method, call, f);
            who.csrf(true);
            forged++;
            if (r.status() != 403 || r.json() == null || !r.str("detail").contains("X-XSRF-TOKEN")) {
                failures.add(endpoint + " as a session without the CSRF token: " + r.status() + " " + r.text());
            }
        }
        assertThat(forged).isGreaterThan(30);
        // logout: a change too
        assertThat(sessions.stranger().csrf(false).post("/api/auth/logout", "").status()).isEqualTo(403);
        assertThat(sessions.stranger().csrf(true).post("/api/auth/logout", "").status()).isEqualTo(204);
        assertThat(sessions.stranger().get("/api/auth/me").status()).isEqualTo(401);
        assertThat(failures).as("authorisation failures with session cookies").isEmpty();
        assertThat(notProblemDetails).as("4xx/5xx answers that are not RFC 9457 problem details").isEmpty();
    }

    /**
     * Ids of another workspace's data, put into request bodies and query strings of calls on one's own workspace,
     * reach nothing: bodies that name a design, dataset, project or run of a workspace the caller is not in get a
     * 4xx (never a 2xx: nothing is created from them, never a 5xx), and no answer shows that workspace's ids.
     */
    @Test
    void idsFromAnotherWorkspaceInBodiesAndQueryStringsReachNothing() throws Exception {
        Users u = users();
        Fixture mine = fixture(u, false);
        // the stranger's own workspace, with the same kinds of data
        Users theirs = new Users(u.stranger(), u.editor(), u.viewer(), u.owner(), u.invitee(), u.inviteeName(),
                u.admin(), u.worker(), u.member(), u.memberId());
        Fixture foreign = fixture(theirs, false);
        List<String> failures = new ArrayList<>();
        int mixed = 0;
        for (String endpoint : new TreeSet<>(apiEndpoints())) {
            Call call = TABLE.get(endpoint);
            if (call == null || call.body() == null || call.access() == Access.WORKER
                    || !call.body().matches("(?s).*\\{(W|P|D|DS|R|INV|TOKEN|WT)}.*")) {
                continue;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            Call withForeignBody = new Call(call.access(), mine.fill(call.path()), foreign.fill(call.body()),
                    call.contentType(), call.destructive());
            Api.Res r = send(u.owner(), method, withForeignBody, mine);
            mixed++;
            if (r.status() < 400 || r.status() >= 500) {
                failures.add(endpoint + " with another workspace's ids in the body: " + r.status() + " " + r.text());
            }
        }
        // a run on my project with my design but their dataset
        Api.Res run = u.owner().post("/api/projects/" + mine.project() + "/runs", Api.map("designId", mine.design(),
                "dataset", Api.map("datasetId", foreign.dataset()), "queue", "parked-x"));
        mixed++;
        if (run.status() != 404 && run.status() != 400) {
            failures.add("run with another workspace's dataset: " + run.status() + " " + run.text());
        }
        String query = "workspaceId=" + foreign.workspace() + "&projectId=" + foreign.project() + "&designId="
                + foreign.design() + "&datasetId=" + foreign.dataset() + "&id=" + foreign.design();
        for (String endpoint : new TreeSet<>(apiEndpoints())) {
            Call call = TABLE.get(endpoint);
            if (call == null || !endpoint.startsWith("GET ") || call.access() == Access.WORKER
                    || endpoint.contains("/events")) {
                continue;
            }
            String path = mine.fill(call.path());
            Api.Res r = u.owner().get(path + (path.contains("?") ? "&" : "?") + query);
            mixed++;
            String text = String.valueOf(r.text());
            if (r.status() >= 500 || text.contains(foreign.design().toString())
                    || text.contains(foreign.dataset().toString()) || text.contains(foreign.project().toString())) {
                failures.add(endpoint + " with another workspace's ids in the query: " + r.status() + " "
                        + text.substring(0, Math.min(300, text.length())));
            }
        }
        assertThat(mixed).isGreaterThan(30);
        assertThat(failures).as("calls that reached another workspace's data").isEmpty();
    }

    /** Actuator endpoints: health and info are public, metrics for administrators, nothing else is exposed. */
    @Test
    void actuatorEndpointsOpenOnlyWhatTheyShould() {
        Users u = users();
        Api anonymous = new Api(port);
        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/info")) {
            assertThat(anonymous.get(open).status()).as(open).isEqualTo(200);
            assertThat(anonymous.get(open).text()).as(open).doesNotContain("postgres").doesNotContain("jdbc");
        }
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(u.owner().get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(u.admin().get("/actuator/prometheus").status()).isEqualTo(200);
        // whatever the actuator lists must be one of those; the dangerous ones are not there for anyone
        Api.Res index = u.admin().get("/actuator");
        assertThat(index.status()).isEqualTo(200);
        Set<String> listed = new TreeSet<>();
        index.json().get("_links").properties().forEach(e -> listed.add(e.getKey()));
        assertThat(listed).isSubsetOf("self", "health", "health-path", "info", "prometheus");
        for (String closed : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
                "/actuator/configprops", "/actuator/loggers", "/actuator/mappings", "/actuator/shutdown")) {
            assertThat(anonymous.get(closed).status()).as(closed).isEqualTo(401);
            assertThat(u.owner().get(closed).status()).as(closed).isIn(403, 404);
            assertThat(u.admin().get(closed).status()).as(closed).isEqualTo(404);
        }
    }

    private void check(String endpoint, Call call, Users u, Fixture f, List<String> failures) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        // anonymous
        int anonymous = send(new Api(port), method, call, f).status();
        if (call.access() == Access.PUBLIC) {
            expect(failures, endpoint, "anonymous", anonymous, !denied(anonymous) && anonymous < 500, "a real answer");
            return;
        }
        expect(failures, endpoint, "anonymous", anonymous, anonymous == 401, "401");
        if (call.access() == Access.WORKER) {
            for (Map.Entry<String, Api> user : Map.of("owner", u.owner(), "admin", u.admin()).entrySet()) {
                int s = send(user.getValue(), method, call, f).status();
                expect(failures, endpoint, user.getKey() + " (user token)", s, s == 401 || s == 403, "401 or 403");
            }
            int s = send(u.worker(), method, call, f).status();
            expect(failures, endpoint, "worker", s, !denied(s) && s < 500, "a real answer");
            return;
        }
        if (call.access() == Access.SIGNED_IN || call.access() == Access.ADMIN) {
            int s = send(u.stranger(), method, call, f).status();
            boolean ok = call.access() == Access.ADMIN ? s == 403 : !denied(s) && s < 500;
            expect(failures, endpoint, "signed-in non-admin", s, ok, call.access() == Access.ADMIN ? "403"
                    : "a real answer");
            if (call.access() == Access.ADMIN) {
                int a = send(u.admin(), method, call, f).status();
                expect(failures, endpoint, "admin", a, !denied(a) && a < 500, "a real answer");
            }
            return;
        }
        if (call.access() == Access.INVITEE || call.access() == Access.SELF) {
            for (Map.Entry<String, Api> other : Map.of("owner", u.owner(), "editor", u.editor(), "viewer", u.viewer(),
                    "stranger", u.stranger()).entrySet()) {
                if (call.access() == Access.SELF && other.getKey().equals("owner")) {
                    continue;
                }
                int s = send(other.getValue(), method, call, f).status();
                expect(failures, endpoint, other.getKey(), s, s == 404, "404 (not theirs)");
            }
            Api self = call.access() == Access.INVITEE ? u.invitee() : u.owner();
            int s = send(self, method, call, f).status();
            expect(failures, endpoint, call.access() == Access.INVITEE ? "invitee" : "token owner", s,
                    !denied(s) && s < 500, "a real answer");
            return;
        }
        int stranger = send(u.stranger(), method, call, f).status();
        expect(failures, endpoint, "non-member", stranger, stranger == 404, "404");
        EnumSet<Access> roles = EnumSet.of(Access.VIEWER, Access.EDITOR, Access.OWNER);
        Map<Access, Api> clients = Map.of(Access.VIEWER, u.viewer(), Access.EDITOR, u.editor(), Access.OWNER,
                u.owner());
        for (Access role : roles) { // weakest first; the first allowed one may change things, so stop there
            int s = send(clients.get(role), method, call, f).status();
            String who = role.name().toLowerCase();
            if (role.compareTo(call.access()) < 0) {
                expect(failures, endpoint, who, s, s == 403, "403");
            } else {
                expect(failures, endpoint, who, s, !denied(s) && s < 500, "a real answer");
                return;
            }
        }
    }

    private static boolean denied(int status) {
        return status == 401 || status == 403 || status == 404;
    }

    private static void expect(List<String> failures, String endpoint, String who, int status, boolean ok,
                               String wanted) {
        if (!ok) {
            failures.add(endpoint + " as " + who + ": " + status + ", wanted " + wanted);
        }
    }

    /** Every refusal and error must be a problem detail, whichever filter or controller answered it. */
    private final List<String> notProblemDetails = new ArrayList<>();

    private Api.Res send(Api api, String method, Call call, Fixture f) {
        String path = f.fill(call.path());
        Api.Res r;
        if (STREAM.equals(call.contentType())) {
            r = api.openStream(path);
        } else if (UPLOAD.equals(call.contentType())) {
            r = api.upload(path, "iris.csv", "a,b,label\n1,2,x\n3,4,y\n".getBytes(StandardCharsets.UTF_8));
        } else {
            byte[] body = call.body() == null ? null : ZIP.equals(call.contentType()) ? f.zip()
                    : f.fill(call.body()).getBytes(StandardCharsets.UTF_8);
            r = api.send(method, path, call.contentType(), body);
        }
        if (r.status() >= 400 && (!String.valueOf(r.header("Content-Type")).contains("application/problem+json")
                || r.json() == null || r.json().get("status") == null || r.json().get("title") == null)) {
            notProblemDetails.add(method + " " + path + " -> " + r.status() + " " + r.header("Content-Type") + " "
                    + r.text());
        }
        return r;
    }

    private Set<String> apiEndpoints() {
        Set<String> out = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET"); // mapped for every method; GET is the one clients use
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    methods.forEach(m -> out.add(m + " " + pattern));
                }
            }
        });
        return out;
    }

    // ---- fixture: accounts with their roles, and one workspace's data ----

    record Users(Api owner, Api editor, Api viewer, Api stranger, Api invitee, String inviteeName, Api admin,
                 Api worker, Api member, UUID memberId) {
        /** The same accounts as browser sessions (cookie and CSRF token), each freshly signed in. */
        Users asSessions(int port) {
            return new Users(session(port, owner), session(port, editor), session(port, viewer),
                    session(port, stranger), session(port, invitee), inviteeName, session(port, admin), worker,
                    session(port, member), memberId);
        }

        private static Api session(int port, Api tokenClient) {
            Api browser = new Api(port);
            Api.Res r = browser.post("/api/auth/login", Api.map("username",
                    tokenClient.get("/api/auth/me").str("username"), "password", PASSWORD));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            return browser;
        }
    }

    record Fixture(UUID workspace, UUID project, UUID design, UUID dataset, UUID run, UUID invitation, UUID member,
                   UUID token, UUID workerToken, String invitee, String design1, Map<String, String> extras) {
        Fixture withRun(UUID r) {
            return new Fixture(workspace, project, design, dataset, r, invitation, member, token, workerToken,
                    invitee, design1, extras);
        }

        Fixture withExtras(Map<String, String> more) {
            return new Fixture(workspace, project, design, dataset, run, invitation, member, token, workerToken,
                    invitee, design1, more);
        }

        String fill(String template) {
            String s = template;
            for (Map.Entry<String, String> e : extras.entrySet()) {
                s = s.replace(e.getKey(), e.getValue());
            }
            return s.replace("{W}", String.valueOf(workspace)).replace("{P}", String.valueOf(project))
                    .replace("{DS}", String.valueOf(dataset)).replace("{D}", String.valueOf(design))
                    .replace("{R}", String.valueOf(run)).replace("{INV}", String.valueOf(invitation))
                    .replace("{MEMBER}", String.valueOf(member)).replace("{TOKEN}", String.valueOf(token))
                    .replace("{WT}", String.valueOf(workerToken)).replace("{INVITEE}", invitee)
                    .replace("{DESIGN}", design1)
                    .replace("{UNIQUE}", "u" + UUID.randomUUID().toString().substring(0, 12));
        }

        byte[] zip() {
            return zipOf("model.json", "{}");
        }
    }

    /** Users are API-token clients, so that logging out in one call cannot sign them out for the next. */
    private Users users() {
        Api owner = tokenClient("mx-owner");
        Api editor = tokenClient("mx-editor");
        Api viewer = tokenClient("mx-viewer");
        Api stranger = tokenClient("mx-stranger");
        Api member = tokenClient("mx-member");
        Api invitee = tokenClient("mx-invitee");
        Api admin = newUser("mx-admin");
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(username(admin)).update();
        admin = new Api(port).bearer(admin.post("/api/tokens", Api.map("name", "mx")).str("token"));
        for (Api plain : List.of(owner, editor, viewer, stranger, member, invitee)) {
            jdbc.sql("UPDATE users SET admin = false WHERE username = ?").param(username(plain)).update();
        }
        String secret = admin.post("/api/admin/worker-tokens", Api.map("name", "mx-worker", "queues",
                List.of(uniqueQueue("mx")))).str("secret");
        return new Users(owner, editor, viewer, stranger, invitee, username(invitee), admin,
                new Api(port).bearer(secret), member, UUID.fromString(member.get("/api/auth/me").str("id")));
    }

    private Api tokenClient(String prefix) {
        Api session = newUser(prefix);
        return new Api(port).bearer(session.post("/api/tokens", Api.map("name", "mx")).str("token"));
    }

    private Fixture fixture(Users u, boolean withRun) throws IOException {
        UUID ws = workspace(u.owner(), "matrix");
        addMember(u.owner(), ws, u.editor(), "editor");
        addMember(u.owner(), ws, u.viewer(), "viewer");
        addMember(u.owner(), ws, u.member(), "viewer");
        UUID project = project(u.owner(), ws);
        String design = new DesignJson().write(DesignBuilder.named("moons mlp")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build());
        Api.Res d = u.owner().post("/api/projects/" + project + "/designs",
                Api.map("name", "mlp", "design", Api.JSON.readTree(design)));
        assertThat(d.status()).as(d.text()).isEqualTo(201);
        UUID designId = UUID.fromString(d.str("designId"));
        Api.Res ds = u.owner().upload("/api/projects/" + project + "/datasets", "pets.zip",
                zipOf("pets/cats/1.png", "png", "pets/dogs/1.png", "png"));
        assertThat(ds.status()).as(ds.text()).isEqualTo(201);
        Api.Res inv = u.owner().post("/api/workspaces/" + ws + "/invitations",
                Api.map("user", u.inviteeName(), "role", "viewer"));
        assertThat(inv.status()).as(inv.text()).isEqualTo(201);
        UUID token = u.owner().post("/api/tokens", Api.map("name", "victim")).id();
        UUID workerToken = UUID.fromString(u.admin().post("/api/admin/worker-tokens", Api.map("name", "victim"))
                .json().get("token").get("id").asString());
        UUID run = null;
        if (withRun) { // a real, finished training run: events end, the artifact exists
            run = created(u.owner().post("/api/projects/" + project + "/runs", Api.map("designId", designId,
                    "dataset", Api.map("builtin", "moons", "limit", 100), "config", Api.map("epochs", 1))));
            awaitStatus(u.owner(), run, Duration.ofSeconds(90), "SUCCEEDED");
            // a picture of generated samples for its epoch 1, as a GAN run's worker would have uploaded
            samples.store(run, 1, dev.netwright.backend.samples.RunSamplesApiTest.png(8));
        }
        Fixture f = new Fixture(ws, project, designId, ds.id(), run, inv.id(), u.memberId(), token, workerToken,
                u.inviteeName(), design, Map.of());
        Map<String, String> extras = new LinkedHashMap<>();
        EXTRA.forEach((placeholder, create) -> extras.put(placeholder, create.apply(u, f.withExtras(extras))));
        return f.withExtras(Map.copyOf(extras));
    }

    private static byte[] zipOf(String... nameContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry(nameContent[i]));
                zip.write(nameContent[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
