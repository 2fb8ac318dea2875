package dev.netwright.tests.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of the OpenAPI description ({@code /api/docs/openapi.json}), so that new endpoints are covered
 * without anyone listing them, and sends each one bad input of every kind: bad ids in the path (not a UUID, unknown,
 * negative, huge, control characters, overlong), bad query parameters, malformed JSON, wrong root types, and for
 * every body property (two levels deep) a wrong type, huge and negative numbers, control characters and an overlong
 * string. Every answer must come within a timeout and never be a 5xx; text with control characters is always
 * refused; and the stored objects the walk aimed at (workspace, project, design, dataset, run) are unchanged unless
 * a request that was accepted (2xx) changed them on purpose. DELETE calls only ever get bad ids.
 */
class OpenApiBadInputWalkTest extends RunTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CONTROL = "\u0000x\u0007";
    private static final String OVERLONG = "x".repeat(100_000);

    /** One request of the walk, and what kind of badness it carries. */
    record Probe(String method, String path, String contentType, byte[] body, String kind) {
    }

    private HttpClient http;
    private String bearer;

    @Test
    void everyOperationSurvivesBadInputWithoutA5xxOrAHangAndStoredObjectsStayAsTheyWere() throws Exception {
        Api owner = newUser("walk");
        jdbc.sql("UPDATE users SET admin = true WHERE username = ?").param(username(owner)).update();
        Api admin = new Api(port);
        admin.post("/api/auth/login", Api.map("username", username(owner), "password", PASSWORD));
        bearer = admin.post("/api/tokens", Api.map("name", "walk")).str("token");
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        UUID[] pd = projectWithDesign(owner);
        UUID project = pd[0];
        UUID design = pd[1];
        UUID workspace = UUID.fromString(owner.get("/api/projects/" + project).str("workspaceId"));
        Api.Res ds = owner.upload("/api/projects/" + project + "/datasets", "walk.csv",
                "a,b,label\n1,2,x\n3,4,y\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ds.status()).as(ds.text()).isEqualTo(201);
        UUID run = created(createRun(owner, project, design, "default", 0, 1, 100));
        awaitStatus(owner, run, Duration.ofSeconds(120), "SUCCEEDED");
        Map<String, String> ids = Map.of("workspace", workspace.toString(), "project", project.toString(),
                "design", design.toString(), "dataset", ds.id().toString(), "run", run.toString());
        Map<String, String> objects = new TreeMap<>(Map.of(
                "workspace", "/api/workspaces/" + workspace, "project", "/api/projects/" + project,
                "design", "/api/designs/" + design, "design versions", "/api/designs/" + design + "/versions",
                "dataset", "/api/datasets/" + ds.id(), "run", "/api/runs/" + run));
        Map<String, String> before = snapshot(objects);

        JsonNode spec = Api.JSON.readTree(get("/api/docs/openapi.json"));
        List<Probe> probes = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                operations++;
                probes.addAll(probesFor(spec, method, path.getKey(), op.getValue(), ids));
            }
        }

        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        for (Probe p : probes) {
            int status;
            try {
                status = send(p);
            } catch (HttpTimeoutException e) {
                failures.add("no answer within " + TIMEOUT.toSeconds() + " s: " + describe(p));
                continue;
            }
            statuses.merge(status / 100 + "xx", 1, Integer::sum);
            if (status >= 500) {
                failures.add(status + ": " + describe(p));
            } else if (status < 400 && p.kind().startsWith("control")) {
                failures.add("control characters accepted (" + status + "): " + describe(p));
            } else if (status < 300 && !p.method().equals("GET")) {
                accepted.add(p.method() + " " + p.path());
            }
        }
        System.out.printf("OpenAPI bad-input walk: %d operations, %d requests, answers %s, %d failures%n",
                operations, probes.size(), statuses, failures.size());

        Map<String, String> after = snapshot(objects);
        for (String object : objects.keySet()) {
            String id = ids.get(object.split(" ")[0]);
            boolean changedOnPurpose = accepted.stream().anyMatch(a -> a.contains(id));
            if (!changedOnPurpose && !before.get(object).equals(after.get(object))) {
                failures.add("the " + object + " changed although every request on it was refused");
            }
        }
        assertThat(operations).as("operations in the API description").isGreaterThan(60);
        assertThat(probes.size()).isGreaterThan(1000);
        assertThat(failures).as("bad input answered badly").isEmpty();
    }

    private List<Probe> probesFor(JsonNode spec, String method, String template, JsonNode op,
                                  Map<String, String> ids) {
        List<Probe> out = new ArrayList<>();
        List<String> pathParams = new ArrayList<>();
        Map<String, String> queryTypes = new LinkedHashMap<>();
        for (JsonNode p : op.path("parameters")) {
            String in = p.path("in").asString();
            if (in.equals("path")) {
                pathParams.add(p.get("name").asString());
            } else if (in.equals("query")) {
                queryTypes.put(p.get("name").asString(), p.path("schema").path("type").asString("string"));
            }
        }
        String valid = fill(template, ids);
        // bad ids: each path parameter in turn, the others valid
        for (String param : pathParams) {
            for (String bad : List.of("not-a-uuid", UUID.randomUUID().toString(), "-1", "99999999999999999999",
                    "%00", "%01x", "x".repeat(3000), "%2e%2e")) {
                String path = fill(template.replace("{" + param + "}", bad), ids);
                out.add(new Probe(method, path, bodyless(method) ? null : "application/json",
                        bodyless(method) ? null : "{}".getBytes(StandardCharsets.UTF_8),
                        bad.startsWith("%0") ? "control id" : "bad id"));
            }
        }
        if (method.equals("DELETE")) {
            return out; // with valid ids it would delete what the walk checks
        }
        // bad query parameters: declared ones with wrong values, and undeclared ones with control characters
        for (Map.Entry<String, String> q : queryTypes.entrySet()) {
            for (String bad : List.of("abc", "-1", "99999999999999999999", "1e400", "%00", "x".repeat(10_000))) {
                out.add(new Probe(method, valid + (valid.contains("?") ? "&" : "?") + q.getKey() + "=" + bad,
                        bodyless(method) ? null : "application/json",
                        bodyless(method) ? null : "{}".getBytes(StandardCharsets.UTF_8),
                        bad.equals("%00") ? "control query" : "bad query"));
            }
        }
        out.add(new Probe(method, valid + (valid.contains("?") ? "&" : "?") + "extra=%01", null, null,
                "control query"));
        JsonNode content = op.path("requestBody").path("content");
        if (bodyless(method) || content.isMissingNode()) {
            return out; // an operation that reads no body has nothing more to be fed
        }
        if (content.has("multipart/form-data")) {
            out.add(new Probe(method, valid, "multipart/form-data; boundary=xyz",
                    "--xyz\r\nbroken".getBytes(StandardCharsets.UTF_8), "malformed multipart"));
            out.add(new Probe(method, valid, "multipart/form-data; boundary=xyz",
                    multipart("file", "x.csv", new byte[0]), "empty file"));
            out.add(new Probe(method, valid, "multipart/form-data; boundary=xyz",
                    multipart("file", "a\u0001.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                    template.endsWith("/datasets") ? "control file name" : "odd file name"));
            out.add(new Probe(method, valid + "?name=%00", "multipart/form-data; boundary=xyz",
                    multipart("file", "x.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "control query"));
            out.add(new Probe(method, valid, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                    "wrong content type"));
            return out;
        }
        for (String malformed : List.of("{", "[", "nul", "{\"a\":}", "\"unterminated", "{\"a\":1}}", "\u0000",
                "[]", "\"text\"", "12", "null", "{}")) {
            out.add(new Probe(method, valid, "application/json", malformed.getBytes(StandardCharsets.UTF_8),
                    malformed.equals("\u0000") ? "malformed" : "malformed or wrong root"));
        }
        out.add(new Probe(method, valid, "text/plain", "name=x".getBytes(StandardCharsets.UTF_8), "wrong content type"));
        JsonNode schema = resolve(spec, content.path("application/json").path("schema"));
        for (Map.Entry<String, ObjectNode> body : propertyVariants(spec, schema, 0).entrySet()) {
            out.add(new Probe(method, valid, "application/json",
                    body.getValue().toString().getBytes(StandardCharsets.UTF_8), body.getKey()));
        }
        // a body of a free-form JSON document (a design): control characters inside it
        if (schema.path("properties").isEmpty()) {
            ObjectNode doc = NODES.objectNode();
            doc.put("format", "netwright-design/1");
            doc.put("name", CONTROL);
            out.add(new Probe(method, valid, "application/json", doc.toString().getBytes(StandardCharsets.UTF_8),
                    "control document"));
        }
        return out;
    }

    /** One body per property and kind of badness: {@code {"p": <bad>}}, and one level down for object properties. */
    private Map<String, ObjectNode> propertyVariants(JsonNode spec, JsonNode schema, int depth) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode type = resolve(spec, p.getValue());
            String t = type.path("type").asString("object");
            Map<String, JsonNode> bad = new LinkedHashMap<>();
            bad.put("wrong type " + p.getKey(), t.equals("string") ? NODES.numberNode(12) : t.equals("array")
                    ? NODES.objectNode() : t.equals("object") ? NODES.arrayNode() : NODES.stringNode("twelve"));
            bad.put("huge number " + p.getKey(), NODES.numberNode(new java.math.BigDecimal("1e400")));
            bad.put("huge integer " + p.getKey(), NODES.numberNode(new java.math.BigInteger("99999999999999999999")));
            bad.put("negative " + p.getKey(), NODES.numberNode(-1));
            bad.put("control text " + p.getKey(), NODES.stringNode(CONTROL));
            bad.put("overlong " + p.getKey(), NODES.stringNode(OVERLONG));
            bad.put("null " + p.getKey(), NODES.nullNode());
            if (t.equals("array")) {
                bad.put("control text in " + p.getKey(), NODES.arrayNode().add(CONTROL));
            }
            for (Map.Entry<String, JsonNode> b : bad.entrySet()) {
                ObjectNode body = NODES.objectNode();
                body.set(p.getKey(), b.getValue());
                out.put(b.getKey().replace("control text", "control"), body);
            }
            if (depth == 0 && t.equals("object")) {
                for (Map.Entry<String, ObjectNode> inner : propertyVariants(spec, type, 1).entrySet()) {
                    ObjectNode body = NODES.objectNode();
                    body.set(p.getKey(), inner.getValue());
                    out.put(inner.getKey() + " in " + p.getKey(), body);
                }
            }
        }
        return out;
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return spec.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static boolean bodyless(String method) {
        return method.equals("GET") || method.equals("DELETE");
    }

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    /** Fills path parameters with the fixture's ids, chosen by the parameter's name and the path before it. */
    private static String fill(String template, Map<String, String> ids) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String before = template.substring(0, m.start());
            String name = m.group(1);
            String value;
            if (name.equals("projectId") || before.endsWith("/projects/")) {
                value = ids.get("project");
            } else if (name.equals("workspaceId") || before.endsWith("/workspaces/")) {
                value = ids.get("workspace");
            } else if (before.endsWith("/designs/")) {
                value = ids.get("design");
            } else if (before.endsWith("/datasets/")) {
                value = ids.get("dataset");
            } else if (before.endsWith("/runs/") || before.endsWith("/models/") || name.equals("runId")) {
                value = ids.get("run");
            } else if (name.equals("number") || name.equals("epoch")) {
                value = "1";
            } else if (before.endsWith("/templates/")) {
                value = "lenet-cnn";
            } else {
                value = UUID.randomUUID().toString(); // tokens, invitations, members, sweeps: nothing to harm
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] multipart(String part, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--xyz\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n--xyz--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private int send(Probe p) throws IOException, InterruptedException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + p.path()));
        } catch (IllegalArgumentException e) {
            return 400; // not even a URI a client could send
        }
        b.timeout(TIMEOUT).header("Authorization", "Bearer " + bearer)
                // as if through the trusted proxy from one address, so the walk's failed logins and sign-ups
                // are throttled there and not on this machine's address, which the other tests use
                .header("X-Forwarded-For", "192.0.2.200");
        if (p.contentType() != null) {
            b.header("Content-Type", p.contentType());
        }
        b.method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(p.body()));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private Map<String, String> snapshot(Map<String, String> objects) throws IOException, InterruptedException {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> o : objects.entrySet()) {
            out.put(o.getKey(), get(o.getValue()));
        }
        return out;
    }

    private static String describe(Probe p) {
        String body = p.body() == null ? "" : new String(p.body(), StandardCharsets.UTF_8);
        String path = p.path().length() > 200 ? p.path().substring(0, 200) + "..." : p.path();
        return p.kind() + ": " + p.method() + " " + path + " " + (body.length() > 200 ? body.substring(0, 200) + "..."
                : body);
    }
}
