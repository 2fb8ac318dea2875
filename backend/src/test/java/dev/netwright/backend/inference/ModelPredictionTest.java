package dev.netwright.backend.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.Api;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.backend.security.AppUser;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.run.TrainedModel;
import dev.netwright.engine.worker.Zips;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Models trained through the platform (uploaded table, built-in points, a GAN), then used only through
 * {@code /api/models}: JSON and CSV predictions equal the engine's own loader on the stored artifact, bad inputs get
 * 400 naming the place, and only members of the workspace see the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelPredictionTest extends RunTestSupport {
    @Autowired
    private PredictionService predictions;
    @Autowired
    private dev.netwright.backend.resources.JsonBodiesInFlight bodiesInFlight;
    private Api owner;
    private UUID workspace;
    private UUID project;
    private UUID tableRun;

    @BeforeAll
    void trainTableModel() {
        owner = newUser("models");
        workspace = workspace(owner, "models");
        project = project(owner, workspace);
        Api.Res upload = owner.upload("/api/projects/" + project + "/datasets", "points.csv", tableCsv(240, 1));
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        UUID design = design(DesignBuilder.named("table mlp").node("in", "Input", "shape", List.of(3))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build());
        tableRun = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("datasetId", upload.id(), "targetColumn", "label"),
                "config", Api.map("epochs", 8, "batchSize", 16, "learningRate", 0.02))));
        Api.Res done = awaitStatus(owner, tableRun, Duration.ofSeconds(180), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
    }

    /** Columns x (number), colour (red/blue) and the label yes/no = x shifted by the colour is positive. */
    private static byte[] tableCsv(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("x,colour,label\n");
        for (int i = 0; i < rows; i++) {
            double x = r.nextDouble() * 4 - 2;
            boolean red = r.nextBoolean();
            s.append(String.format(Locale.ROOT, "%.3f,%s,%s%n", x, red ? "red" : "blue",
                    x + (red ? 0.5 : -0.5) > 0 ? "yes" : "no"));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private UUID design(dev.netwright.designer.model.Design d) {
        Api.Res r = owner.post("/api/projects/" + project + "/designs",
                Api.map("name", d.name(), "design", Api.JSON.readTree(new DesignJson().write(d))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return UUID.fromString(r.str("designId"));
    }

    @Test
    void tableModelDescribesItsColumnsAndPredictsLikeTheEngineLoader(@TempDir Path dir) throws Exception {
        Api.Res model = owner.get("/api/models/" + tableRun);
        assertThat(model.status()).as(model.text()).isEqualTo(200);
        assertThat(model.str("inputKind")).isEqualTo("TABLE");
        assertThat(model.json().get("classes")).extracting(JsonNode::asString).containsExactlyInAnyOrder("yes", "no");
        assertThat(model.json().get("columns")).extracting(c -> c.get("name").asString())
                .containsExactly("x", "colour");
        assertThat(model.str("normalisation")).isEqualTo("standardise");
        assertThat(model.str("projectId")).isEqualTo(project.toString());
        assertThat(model.str("name")).isEqualTo("table mlp");
        assertThat(model.json().get("designVersion").asInt()).isEqualTo(1);

        Api.Res answer = owner.post("/api/models/" + tableRun + "/predict", Map.of("inputs", List.of(
                Map.of("x", 1.5, "colour", "red"), Map.of("x", -1.7, "colour", "blue"),
                Map.of("x", "0.2", "colour", "red", "label", "ignored"))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode predictions = answer.json().get("predictions");
        assertThat(predictions).hasSize(3);
        assertThat(predictions.get(0).get("label").asString()).isEqualTo("yes");
        assertThat(predictions.get(1).get("label").asString()).isEqualTo("no");
        for (JsonNode p : predictions) {
            double sum = 0;
            for (JsonNode v : p.get("probabilities")) {
                sum += v.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }

        // the same rows through the engine's loader on the downloaded artifact: identical probabilities
        HttpResponse<byte[]> zip = owner.getBytes("/api/runs/" + tableRun + "/artifact");
        Zips.unzip(new ByteArrayInputStream(zip.body()), dir, 1 << 30);
        try (TrainedModel engine = TrainedModel.load(dir)) {
            var encoding = engine.manifest().table();
            float[] rows = new float[3 * 3];
            System.arraycopy(encoding.encode(Map.of("x", "1.5", "colour", "red")), 0, rows, 0, 3);
            System.arraycopy(encoding.encode(Map.of("x", "-1.7", "colour", "blue")), 0, rows, 3, 3);
            System.arraycopy(encoding.encode(Map.of("x", "0.2", "colour", "red")), 0, rows, 6, 3);
            float[] expected = engine.predict(rows, 3);
            List<String> classes = engine.manifest().classNames();
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(predictions.get(i).get("probabilities").get(classes.get(c)).asDouble())
                            .isEqualTo((double) expected[i * 2 + c]);
                }
            }
        }

        // CSV upload: the same rows come back with the prediction and one probability per class appended
        String csv = "id,colour,x\nr1,red,1.5\nr2,blue,-1.7\n\"r,3\",red,0.2\n";
        Api.Res file = owner.upload("/api/models/" + tableRun + "/predict-csv", "mine.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("mine-predictions.csv");
        List<String> lines = file.text().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("id,colour,x,predicted,p(" + classes(model).get(0) + "),p("
                + classes(model).get(1) + ")");
        assertThat(lines.get(1)).startsWith("r1,red,1.5,yes,");
        assertThat(lines.get(2)).startsWith("r2,blue,-1.7,no,");
        assertThat(lines.get(3)).startsWith("\"r,3\",red,0.2," + predictions.get(2).get("label").asString() + ",");
        double pFirst = Double.parseDouble(lines.get(1).split(",")[4]);
        assertThat(pFirst).isCloseTo(predictions.get(0).get("probabilities").get(classes(model).get(0)).asDouble(),
                org.assertj.core.data.Offset.offset(1e-5));
    }

    /** Cells a spreadsheet would run as formulas come back as text; plain numbers stay numbers. */
    @Test
    void csvAnswersCannotCarryFormulasIntoSpreadsheets() {
        String csv = "id,colour,x\n=cmd|' /C calc'!A0,red,1.5\n@SUM(A1:A9),blue,-1.7\n+1+1,red,0.2\n-2,red,-3\n";
        Api.Res file = owner.upload("/api/models/" + tableRun + "/predict-csv", "f.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        List<String> lines = file.text().lines().toList();
        assertThat(lines.get(1)).startsWith("'=cmd|' /C calc'!A0,red,1.5,");
        assertThat(lines.get(2)).startsWith("'@SUM(A1:A9),blue,-1.7,");
        assertThat(lines.get(3)).startsWith("'+1+1,red,0.2,");
        assertThat(lines.get(4)).startsWith("-2,red,-3,");
    }

    /**
     * The answer is written while rows are predicted (chunked, no length known up front), and a bad row far down a
     * long file is still a clean 400 naming its line, not an answer cut off half way.
     */
    @Test
    void longCsvAnswersAreStreamedAndALateBadRowIsStillA400() {
        StringBuilder csv = new StringBuilder("colour,x\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i % 2 == 0 ? "red," : "blue,").append(i % 7).append('\n');
        }
        Api.Res file = owner.upload("/api/models/" + tableRun + "/predict-csv", "long.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(file.text().lines().count()).isEqualTo(20_001);
        assertThat(file.header("Content-Length")).isNull();
        assertThat(file.header("Transfer-Encoding")).isEqualTo("chunked");

        csv.append("purple,1\n");
        Api.Res bad = owner.upload("/api/models/" + tableRun + "/predict-csv", "long.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertProblem(bad, "line 20002, column 'colour'", "not a category seen in training");
    }

    /**
     * A file within the bound is read once and answers byte for byte what reading it twice answers (the way every
     * file was answered before, and still is beyond the bound), at the default bound and with the bound crossed half
     * way: quoted cells, a formula, blank and CRLF lines, and more rows than one forward pass takes.
     */
    @Test
    void csvWithinTheBoundIsReadOnceAndAnswersAsReadingItTwice() {
        StringBuilder csv = new StringBuilder("id,colour,x\r\n");
        for (int i = 0; i < 1300; i++) {
            csv.append(i % 3 == 0 ? "\"r," + i + "\"" : i % 5 == 0 ? "=r" + i : "r" + i).append(',')
                    .append(i % 2 == 0 ? "red" : "blue").append(',').append((i % 41 - 20) / 7.0)
                    .append(i % 4 == 0 ? "\r\n" : "\n");
            if (i % 100 == 0) {
                csv.append('\n');
            }
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        CsvCall twice = predictCsv(file, 0);
        assertThat(twice.reads()).isEqualTo(2);
        assertThat(twice.opens()).isEqualTo(1);
        String answer = new String(twice.answer(), StandardCharsets.UTF_8);
        assertThat(answer.lines().count()).isEqualTo(1301);
        assertThat(answer).contains("\"r,3\",blue,").contains("'=r5,blue,");

        CsvCall once = predictCsv(file, PredictionService.CSV_KEEP_BYTES);
        assertThat(once.reads()).isEqualTo(1);
        assertThat(once.answer()).isEqualTo(twice.answer());
        CsvCall crossed = predictCsv(file, 20_000);
        assertThat(crossed.reads()).isEqualTo(2);
        assertThat(crossed.answer()).isEqualTo(twice.answer());
    }

    /** A bad row at the end is a 400 naming its line before anything is written, whether the rows were kept or not. */
    @Test
    void aLateBadCsvRowIsA400BeforeTheAnswerWithinAndBeyondTheBound() {
        StringBuilder csv = new StringBuilder("colour,x\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(i % 2 == 0 ? "red," : "blue,").append(i % 7).append('\n');
        }
        byte[] file = csv.append("purple,1\n").toString().getBytes(StandardCharsets.UTF_8);
        for (long bound : new long[] {PredictionService.CSV_KEEP_BYTES, 20_000, 0}) {
            AtomicInteger opens = new AtomicInteger();
            assertThatThrownBy(() -> predictions.predictCsv(ownerUser(), tableRun, () -> new ByteArrayInputStream(file),
                    ',', () -> {
                        opens.incrementAndGet();
                        return new ByteArrayOutputStream();
                    }, bound))
                    .as("bound %d", bound).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.properties().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST)
                                .singleElement().isInstanceOfSatisfying(FieldProblem.class, p -> {
                                    assertThat(p.path()).isEqualTo("line 3002, column 'colour'");
                                    assertThat(p.reason()).startsWith("'purple' is not a category seen in training");
                                });
                    });
            assertThat(opens).as("bound %d", bound).hasValue(0);
        }
    }

    /** One call of the service's CSV prediction: how often it opened the file and the answer, and the answer. */
    private record CsvCall(int reads, int opens, byte[] answer) {
    }

    private CsvCall predictCsv(byte[] file, long keepBytes) {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        predictions.predictCsv(ownerUser(), tableRun, () -> {
            reads.incrementAndGet();
            return new ByteArrayInputStream(file);
        }, ',', () -> {
            opens.incrementAndGet();
            return answer;
        }, keepBytes);
        return new CsvCall(reads.get(), opens.get(), answer.toByteArray());
    }

    private AppUser ownerUser() {
        Api.Res me = owner.get("/api/auth/me");
        return new AppUser(me.id(), me.str("username"), me.str("email"), me.str("displayName"), false);
    }

    private static List<String> classes(Api.Res model) {
        return java.util.stream.StreamSupport.stream(model.json().get("classes").spliterator(), false)
                .map(JsonNode::asString).toList();
    }

    @Test
    void badInputsGet400NamingTheFieldOrRow() {
        String path = "/api/models/" + tableRun + "/predict";
        assertProblem(owner.post(path, Map.of("inputs", List.of(Map.of("x", 1), Map.of("colour", "red")))),
                "$.inputs[0].colour", "missing");
        assertProblem(owner.post(path, Map.of("input", Map.of("x", 1, "colour", "green"))), "$.input.colour",
                "not a category seen in training");
        assertProblem(owner.post(path, Map.of("input", Map.of("x", "abc", "colour", "red"))), "$.input.x",
                "not a number");
        assertProblem(owner.post(path, Map.of("input", Map.of("x", 1, "colour", "red", "size", 3))), "$.input.size",
                "no column 'size'");
        assertProblem(owner.post(path, Map.of("inputs", List.of())), "$.inputs", "non-empty");
        assertProblem(owner.post(path, Map.of("sample", 1)), "$", "inputs");
        assertProblem(owner.post(path, Map.of("input", List.of(1, 2))), "$.input", "expected 3 entries");
        Api.Res missingColumn = owner.upload("/api/models/" + tableRun + "/predict-csv", "bad.csv",
                "x\n1.0\n2.0\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(missingColumn, "line 2, column 'colour'", "missing");
        Api.Res notNumber = owner.upload("/api/models/" + tableRun + "/predict-csv", "bad.csv",
                "x,colour\n1.0,red\nfoo,blue\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(notNumber, "line 3, column 'x'", "'foo' is not a number");
        Api.Res generate = owner.post("/api/models/" + tableRun + "/generate", Map.of("n", 4));
        assertProblem(generate, "$", "only GAN generator models");
    }

    @Test
    void aJsonBodyDeclaredOverTheCapIsRefusedBeforeItIsRead() throws Exception {
        // 300 MB declared, none sent: the answer comes without the server waiting for (or holding) the body
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/models/" + tableRun + "/predict HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{\"inputs\": [")
                    .getBytes(StandardCharsets.US_ASCII));
            // the answer comes while the connection waits for the rest of the body: read up to the problem's end
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            for (int b; !read.toString(StandardCharsets.UTF_8).endsWith("}")
                    && (b = socket.getInputStream().read()) >= 0; ) {
                read.write(b);
            }
            String answer = read.toString(StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("larger than 268435456 bytes").contains("netwright.limits.max-json-body");
        }
    }

    /**
     * A socket that has sent a member's prediction request headers declaring {@code length} bytes, and no body (a
     * stranger's request is refused before its body is read, whatever its size).
     */
    private java.net.Socket declaring(String token, long length) throws java.io.IOException {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
        socket.setSoTimeout(200);
        socket.getOutputStream().write(("POST /api/models/" + tableRun + "/predict HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n{\"inputs\": [")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** What the socket has answered so far (nothing while the server waits for the body). */
    private static String answered(java.net.Socket socket) throws java.io.IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        try {
            for (int b; !read.toString(StandardCharsets.UTF_8).endsWith("}") && (b = socket.getInputStream().read()) >= 0; ) {
                read.write(b);
            }
        } catch (java.net.SocketTimeoutException e) {
            // nothing more yet
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    /**
     * Bodies of 250 MB declared, none sent, against the 512 MB budget with half of it per account: the budget filter runs
     * after Spring Security's, so each counts against its sender, and one that is not let in holds nothing.
     */
    @Test
    void largeBodiesBeyondTheBudgetInFlightAreAskedToComeBackLater() throws Exception {
        long length = 250_000_000L;
        String ownerToken = owner.post("/api/tokens", Api.map("name", "large bodies")).str("token");
        String[] others = new String[2];
        for (int i = 0; i < others.length; i++) {
            Api member = newUser("large" + i);
            addMember(owner, workspace, member, "viewer");
            others[i] = member.post("/api/tokens", Api.map("name", "large bodies")).str("token");
        }
        java.util.List<java.net.Socket> sockets = new java.util.ArrayList<>();
        try {
            // a request without a valid token is answered before its body is read, holding nothing
            java.net.Socket stranger = declaring("not-a-token", length);
            sockets.add(stranger);
            assertThat(answer(stranger)).startsWith("HTTP/1.1 401");
            assertThat(bodiesInFlight.bytesInFlight()).isZero();
            // the owner's first body is waited for; a second from the owner passes the account's half
            java.net.Socket first = declaring(ownerToken, length);
            sockets.add(first);
            awaitHeld(length);
            assertThat(answered(first)).as("the owner's first body is waited for").isEmpty();
            java.net.Socket second = declaring(ownerToken, length);
            sockets.add(second);
            assertThat(answer(second)).startsWith("HTTP/1.1 503").contains("Retry-After: 2")
                    .contains("application/problem+json").contains("one account");
            // another member's body fits beside it; a third member's does not fit in the budget
            java.net.Socket member = declaring(others[0], length);
            sockets.add(member);
            awaitHeld(2 * length);
            assertThat(answered(member)).as("another member's body is waited for").isEmpty();
            java.net.Socket third = declaring(others[1], length);
            sockets.add(third);
            assertThat(answer(third)).startsWith("HTTP/1.1 503").contains("Retry-After: 2")
                    .contains("netwright.limits.max-json-in-flight").doesNotContain("one account");
        } finally {
            for (java.net.Socket socket : sockets) {
                socket.close();
            }
        }
        // the bodies never sent end their requests; their shares come back and a large body is waited for again
        long deadline = System.nanoTime() + 15_000_000_000L;
        boolean waited = false;
        while (!waited && System.nanoTime() < deadline) {
            try (java.net.Socket again = declaring(others[1], length)) {
                waited = answered(again).isEmpty();
            }
        }
        assertThat(waited).as("a large body is read again once the others ended").isTrue();
    }

    /** Waits up to 15 s until the server holds {@code bytes} of large bodies. */
    private void awaitHeld(long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (bodiesInFlight.bytesInFlight() != bytes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(bodiesInFlight.bytesInFlight()).isEqualTo(bytes);
    }

    /** The socket's answer, waiting up to 15 s for it to begin. */
    private static String answer(java.net.Socket socket) throws java.io.IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String answer = "";
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            answer = answered(socket);
        }
        return answer;
    }

    private static void assertProblem(Api.Res r, String path, String reason) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("problem+json");
        assertThat(r.json().get("errors").get(0).get("path").asString()).as(r.text()).isEqualTo(path);
        assertThat(r.json().get("errors").get(0).get("reason").asString()).as(r.text()).contains(reason);
        assertThat(r.str("detail")).contains(path);
    }

    @Test
    void onlyMembersSeeTheModelAndViewersMayPredict() {
        Api outsider = newUser("outsider");
        Map<String, Object> body = Map.of("input", Map.of("x", 1, "colour", "red"));
        Api.Res foreign = outsider.post("/api/models/" + tableRun + "/predict", body);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text()).doesNotContain("probabilities");
        Api.Res described = outsider.get("/api/models/" + tableRun);
        assertThat(described.status()).isEqualTo(404);
        assertThat(described.text()).doesNotContain("colour").doesNotContain("table mlp");
        assertThat(outsider.upload("/api/models/" + tableRun + "/predict-csv", "a.csv",
                "x,colour\n1,red\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
        assertThat(outsider.post("/api/models/" + UUID.randomUUID() + "/predict", body).status()).isEqualTo(404);
        assertThat(new Api(port).post("/api/models/" + tableRun + "/predict", body).status()).isEqualTo(401);

        Api viewer = newUser("viewer");
        addMember(owner, workspace, viewer, "viewer");
        Api.Res seen = viewer.post("/api/models/" + tableRun + "/predict", body);
        assertThat(seen.status()).as(seen.text()).isEqualTo(200);
        assertThat(seen.json().get("predictions").get(0).get("label").asString()).isEqualTo("yes");
        Api.Res viewed = viewer.get("/api/models/" + tableRun);
        assertThat(viewed.status()).as(viewed.text()).isEqualTo(200);
        assertThat(viewed.str("name")).isEqualTo("table mlp");
    }

    /**
     * A prediction's access check is kept for seconds (ModelAccess); every change that alters the answer is announced
     * by the database (V41) and takes effect at once, whether made through the API or straight in the database. Each
     * wait is at most 3 s, well under the 10 s the check is kept, so it passes only through the announcement.
     */
    @Test
    void accessEndsAtOnceThoughChecksAreKept() {
        Map<String, Object> body = Map.of("input", Map.of("x", 1, "colour", "red"));
        String predict = "/api/models/" + tableRun + "/predict";
        Api member = newUser("leaving");
        addMember(owner, workspace, member, "viewer");
        for (int i = 0; i < 3; i++) {
            assertThat(member.post(predict, body).status()).isEqualTo(200);
        }
        UUID memberId = UUID.fromString(member.get("/api/auth/me").str("id"));
        Api.Res removed = owner.delete("/api/workspaces/" + workspace + "/members/" + memberId);
        assertThat(removed.status()).as(removed.text()).isIn(200, 204);
        // this instance heard the removal before answering it (DatabaseNotifications.awaitAnnouncementsAfterCommit)
        assertThat(member.post(predict, body).status()).as("refused as soon as the removal is answered")
                .isEqualTo(404);

        assertThat(owner.post(predict, body).status()).isEqualTo(200);
        whileChanged("UPDATE projects SET deleted_at = now() WHERE id = ?",
                "UPDATE projects SET deleted_at = NULL WHERE id = ?", project,
                () -> awaitPredictStatus(owner, predict, body, 404));
        awaitPredictStatus(owner, predict, body, 200);
        whileChanged("UPDATE runs SET status = 'FAILED' WHERE id = ?",
                "UPDATE runs SET status = 'SUCCEEDED' WHERE id = ?", tableRun,
                () -> awaitPredictStatus(owner, predict, body, 409));
        awaitPredictStatus(owner, predict, body, 200);
    }

    /** Runs {@code check} after {@code change} (made straight in the database on row {@code id}), then undoes it. */
    private void whileChanged(String change, String undo, UUID id, Runnable check) {
        try {
            jdbc.sql(change).param(id).update();
            check.run();
        } finally {
            jdbc.sql(undo).param(id).update();
        }
    }

    private static void awaitPredictStatus(Api api, String path, Map<String, Object> body, int status) {
        long end = System.nanoTime() + 3_000_000_000L;
        int last;
        while ((last = api.post(path, body).status()) != status) {
            assertThat(System.nanoTime()).as("HTTP %d within 3 s, still %d", status, last).isLessThan(end);
            sleep(20);
        }
    }

    @Test
    void pointModelTakesNumberArraysAndAnUnfinishedRunHasNoModel() {
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], "default", 0, 3, 300));
        // asked while queued or training: a conflict, not a model
        Api.Res early = owner.post("/api/models/" + run + "/predict", Map.of("input", List.of(0.5, 0.5)));
        if (early.status() != 200) {
            assertThat(early.status()).as(early.text()).isEqualTo(409);
        }
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(180), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).isEqualTo("SUCCEEDED");
        Api.Res model = owner.get("/api/models/" + run);
        assertThat(model.str("inputKind")).isEqualTo("VECTOR");
        Api.Res answer = owner.post("/api/models/" + run + "/predict",
                Map.of("inputs", List.of(List.of(0.0, 1.0), List.of(1.0, -0.5))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("predictions")).hasSize(2)
                .allSatisfy(p -> assertThat(p.get("probabilities").size()).isEqualTo(2));
        // plain number samples are read without a JSON tree; another field sends the body the tree's way: the same
        // answers, and the text in the body is checked as in every request body
        List<List<Double>> samples = List.of(List.of(0.0, 1.0), List.of(1.0, -0.5), List.of(0.25, 3e-7));
        Api.Res plain = owner.post("/api/models/" + run + "/predict", Map.of("inputs", samples));
        Api.Res viaTree = owner.post("/api/models/" + run + "/predict", Map.of("inputs", samples, "note", "a note"));
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(viaTree.json().get("predictions")).isEqualTo(plain.json().get("predictions"));
        assertProblem(owner.post("/api/models/" + run + "/predict", Map.of("inputs", samples, "note", "bad\u0000")),
                "note", "control character");
        assertProblem(owner.post("/api/models/" + run + "/predict", Map.of("inputs", List.of(List.of(0.0, 1.0),
                List.of(1.0, "x")))), "$.inputs[1][1]", "expected a number");
        assertProblem(owner.post("/api/models/" + run + "/predict", Map.of("inputs", List.of(List.of(0.0, 1.0, 2.0)))),
                "$.inputs[0]", "expected 2 entries");
        Api.Res csv = owner.upload("/api/models/" + run + "/predict-csv", "p.csv",
                "a,b\n0,1\n1,-0.5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.text().lines().toList()).hasSize(3);
        assertProblem(owner.upload("/api/models/" + run + "/predict-csv", "p.csv",
                "a,b,c\n0,1,2\n".getBytes(StandardCharsets.UTF_8)), "line 2", "the model takes 2");
    }

    @Test
    void ganGeneratorGivesReproducibleSamplesForASeed() {
        UUID design = design(Templates.find("mlp-gan-2d").orElseThrow().design());
        UUID run = created(owner.post("/api/projects/" + project + "/runs", Api.map("designId", design,
                "dataset", Api.map("builtin", "gaussian-mixture", "limit", 256),
                "config", Api.map("epochs", 1, "batchSize", 64))));
        Api.Res done = awaitStatus(owner, run, Duration.ofSeconds(180), "SUCCEEDED", "FAILED", "CANCELLED");
        assertThat(done.str("status")).as(done.text()).isEqualTo("SUCCEEDED");
        assertThat(owner.get("/api/models/" + run).str("inputKind")).isEqualTo("LATENT");
        Api.Res a = owner.post("/api/models/" + run + "/generate", Map.of("n", 5, "seed", 7));
        Api.Res b = owner.post("/api/models/" + run + "/generate", Map.of("n", 5, "seed", 7));
        Api.Res c = owner.post("/api/models/" + run + "/generate", Map.of("n", 5, "seed", 8));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("samples")).hasSize(5).allSatisfy(s -> assertThat(s.size()).isEqualTo(2));
        assertThat(a.json().get("samples")).isEqualTo(b.json().get("samples"));
        assertThat(a.json().get("samples")).isNotEqualTo(c.json().get("samples"));
        assertProblem(owner.post("/api/models/" + run + "/generate", Map.of("n", 0)), "$.n", "between 1 and 1024");
        assertProblem(owner.post("/api/models/" + run + "/predict", Map.of("input", List.of(1, 2))), "$.input",
                "GAN generator");
    }

    @Test
    void singleRequestLatencyOverHttpIsPrinted() {
        Map<String, Object> body = Map.of("input", Map.of("x", 0.3, "colour", "blue"));
        for (int i = 0; i < 30; i++) {
            assertThat(owner.post("/api/models/" + tableRun + "/predict", body).status()).isEqualTo(200);
        }
        int n = 300;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            Api.Res r = owner.post("/api/models/" + tableRun + "/predict", body);
            nanos[i] = System.nanoTime() - t;
            assertThat(r.status()).isEqualTo(200);
        }
        java.util.Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "HTTP predict (session auth, cached table model, one sample): p50 %.2f ms, "
                + "p99 %.2f ms over %d requests%n", nanos[n / 2] / 1e6, nanos[(int) Math.ceil(0.99 * n) - 1] / 1e6, n);
    }
}
