package dev.netwright.tests.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.run.RunTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Bad input of every kind (malformed JSON, wrong types, unknown enum values, wrong content types and methods,
 * oversized and broken uploads, out-of-range numbers) gets a 4xx RFC 9457 problem detail that names what is wrong,
 * never a 500, and leaves nothing behind.
 */
class ProblemDetailSweepTest extends RunTestSupport {

    record Case(String method, String path, String contentType, byte[] body, int status, String detailContains) {
        static Case json(String method, String path, String body, int status, String detail) {
            return new Case(method, path, "application/json", body == null ? null
                    : body.getBytes(StandardCharsets.UTF_8), status, detail);
        }
    }

    @Test
    void everyKindOfBadInputIsAClear4xxProblemAndWritesNothing() throws IOException {
        Api editor = newUser("sweep");
        UUID[] pd = projectWithDesign(editor);
        UUID project = pd[0];
        UUID design = pd[1];
        String runs = "/api/projects/" + project + "/runs";
        String datasets = "/api/projects/" + project + "/datasets";
        String ws = editor.get("/api/projects/" + project).str("workspaceId");
        long designsBefore = count("designs"), runsBefore = count("runs"), datasetsBefore = count("datasets");

        List<Case> cases = List.of(
                // malformed and mistyped JSON
                Case.json("POST", runs, "{\"designId\":", 400, "not valid JSON"),
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"moons\"},"
                        + "\"config\":{\"epochs\":\"many\"}}", 400, "epochs"),
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"moons\"},"
                        + "\"config\":{\"epochs\":99999999999}}", 400, "epochs"),
                Case.json("POST", runs, "{\"designId\":\"nope\",\"dataset\":{\"builtin\":\"moons\"}}", 400,
                        "designId"),
                Case.json("POST", runs, "null", 400, ""),
                Case.json("POST", "/api/workspaces", "\"just a string\"", 400, "not valid JSON"),
                Case.json("PATCH", "/api/designs/" + design, "{\"name\":[1]}", 400, "name"),
                // unknown enum values
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"moons\"},"
                        + "\"config\":{\"optimizer\":\"telepathy\"}}", 400, "optimizer"),
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"moons\"},"
                        + "\"config\":{\"loss\":\"vibes\"}}", 400, "loss"),
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"no-such\"}}",
                        400, "no-such"),
                Case.json("POST", runs, "{\"designId\":\"" + design + "\",\"dataset\":{\"builtin\":\"moons\"},"
                        + "\"priority\":1000}", 400, "priority"),
                Case.json("GET", runs + "?status=sleeping", null, 400, "'status'"),
                Case.json("PUT", "/api/workspaces/" + ws + "/run-limit", "{\"maxRunningRuns\":0}", 400,
                        "maxRunningRuns"),
                Case.json("POST", "/api/workspaces/" + ws + "/invitations", "{\"user\":\"x\",\"role\":\"god\"}",
                        400, "owner, editor, viewer"),
                // wrong content types, methods, paths, query parameters
                new Case("POST", "/api/workspaces", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8), 415,
                        "text/plain"),
                new Case("POST", datasets, "application/json", "{}".getBytes(StandardCharsets.UTF_8), 415, ""),
                new Case("POST", "/api/analyze", "application/xml", "<design/>".getBytes(StandardCharsets.UTF_8), 415,
                        ""),
                Case.json("DELETE", "/api/workspaces", null, 405, "DELETE"),
                Case.json("GET", "/api/no-such-endpoint", null, 404, ""),
                Case.json("GET", "/api/designs/" + design + "/diff?from=1", null, 400, "'to'"),
                Case.json("GET", "/api/runs/" + UUID.randomUUID() + "/metrics?kind=VIBES", null, 404, ""),
                // uploads: oversized (the test limit is 1 MB), broken ZIPs, not multipart, no file part
                upload(datasets, "big.csv", new byte[1_200_000], 413, "limit"),
                upload(datasets, "broken.zip", "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.UTF_8),
                        400, "ZIP"),
                upload(datasets, "truncated.zip", truncatedZip(), 400, "ZIP"),
                upload(datasets, "latin1.csv", "a,b\n\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1), 400, "UTF-8"),
                upload(datasets, "empty.csv", new byte[0], 400, ""),
                new Case("POST", datasets, "multipart/form-data; boundary=xyz", "--xyz\r\nbroken"
                        .getBytes(StandardCharsets.UTF_8), 400, "multipart"));

        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Api.Res r = c.method().equals("UPLOAD")
                    ? editor.upload(c.path().substring(0, c.path().indexOf('#')),
                            c.path().substring(c.path().indexOf('#') + 1), c.body())
                    : editor.send(c.method(), c.path(), c.body() == null ? null : c.contentType(), c.body());
            String what = c.method() + " " + c.path() + " -> " + r.status() + " " + r.text();
            if (r.status() != c.status()) {
                failures.add("wanted " + c.status() + ": " + what);
            } else if (!String.valueOf(r.header("Content-Type")).contains("application/problem+json")) {
                failures.add("not a problem detail: " + what + " (" + r.header("Content-Type") + ")");
            } else if (r.json().get("detail") == null || !r.str("detail").contains(c.detailContains())) {
                failures.add("detail does not mention '" + c.detailContains() + "': " + what);
            } else if (r.json().get("status").asInt() != c.status()) {
                failures.add("status field differs: " + what);
            }
        }
        assertThat(failures).as("bad input answered badly").isEmpty();

        // nothing half-written: no design, run or dataset rows, and no staged upload files
        assertThat(count("designs")).isEqualTo(designsBefore);
        assertThat(count("runs")).isEqualTo(runsBefore);
        assertThat(count("datasets")).isEqualTo(datasetsBefore);
        Path staging = Path.of("target/it-data/datasets");
        if (Files.isDirectory(staging)) {
            try (Stream<Path> files = Files.walk(staging)) {
                assertThat(files.filter(f -> f.toString().contains("staging") && Files.isRegularFile(f)).toList())
                        .isEmpty();
            }
        }
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** A multipart upload of one file part ({@code path#fileName}). */
    private static Case upload(String path, String fileName, byte[] content, int status, String detail) {
        return new Case("UPLOAD", path + "#" + fileName, null, content, status, detail);
    }

    private static byte[] truncatedZip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cats/1.png"));
            zip.write(new byte[5000]);
            zip.closeEntry();
        }
        byte[] whole = out.toByteArray();
        return java.util.Arrays.copyOf(whole, whole.length / 2);
    }
}
