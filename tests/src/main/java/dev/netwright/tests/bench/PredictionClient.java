package dev.netwright.tests.bench;

import dev.netwright.tests.bench.InferenceBenchmark.Rates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client thread calling a prediction server over HTTP/1.1 on one kept-alive connection, sequentially: the same
 * code, request bodies and headers for Netwright and for the PyTorch peer, so that both are measured identically.
 * Every timed call runs from just before the request is sent to the answer's last byte read; answers are checked
 * (status, and the number of predictions or rows) outside the timing.
 */
final class PredictionClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** At least this many untimed calls per section, whatever the time. */
    private static final int MIN_WARMUP_CALLS = 3;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI predict;
    private final URI predictCsv;
    private final String authorization;

    /** {@code base}: the server's root; the paths are Netwright's, which the peer answers too. */
    PredictionClient(String base, String model, String authorization) {
        this.predict = URI.create(base + "/api/models/" + model + "/predict");
        this.predictCsv = URI.create(base + "/api/models/" + model + "/predict-csv");
        this.authorization = authorization;
    }

    /**
     * Single-sample requests: each one's latency at the client (nanoseconds) and the prediction time the server
     * reported in its answer ({@code millis}: the forward pass with normalisation and naming, without HTTP,
     * authentication, JSON or the model lookup).
     */
    record Single(long[] nanos, double[] serverMillis) {
        double percentile(int p) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
        }

        double mean() {
            return Arrays.stream(nanos).average().orElse(0) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d requests; server-reported "
                    + "prediction time median %.3f ms)", percentile(50), percentile(99), mean(), nanos.length,
                    median(serverMillis));
        }
    }

    /** Batch requests: samples/s per round, the server-reported prediction time of each, the last answer's labels. */
    record Batch(Rates rates, double[] serverMillis, List<String> labels) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s samples/s (server-reported prediction time median %.2f ms of "
                    + "%.2f ms per request)", rates, median(serverMillis), labels.size() * 1000 / rates.median());
        }
    }

    /** CSV uploads: rows/s per round, the upload's size, the predicted column of the last answer. */
    record Csv(Rates rates, int bytes, List<String> predicted) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s rows/s (upload %.1f MB)", rates, bytes / 1e6);
        }
    }

    /** {@code requests} single-sample calls cycling through {@code bodies}, after the warm-up. */
    Single single(List<byte[]> bodies, int requests) throws Exception {
        int[] next = {0};
        warmUp(() -> json(bodies.get(next[0]++ % bodies.size())));
        long[] nanos = new long[requests];
        byte[][] answers = new byte[requests][];
        for (int i = 0; i < requests; i++) {
            byte[] body = bodies.get(i % bodies.size());
            long t = System.nanoTime();
            answers[i] = json(body);
            nanos[i] = System.nanoTime() - t;
        }
        double[] server = new double[requests];
        for (int i = 0; i < requests; i++) {
            server[i] = requirePredictions(answers[i], 1).get("millis").asDouble();
        }
        return new Single(nanos, server);
    }

    /** Samples/s of {@code rounds} rounds of {@code perRound} calls with a batch body of {@code samples} samples. */
    Batch batch(byte[] body, int samples, int rounds, int perRound) throws Exception {
        warmUp(() -> json(body));
        double[] rates = new double[rounds];
        double[] server = new double[rounds * perRound];
        byte[] last = null;
        for (int r = 0; r < rounds; r++) {
            byte[][] answers = new byte[perRound][];
            long t = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                answers[i] = json(body);
            }
            rates[r] = (double) perRound * samples / ((System.nanoTime() - t) / 1e9);
            for (int i = 0; i < perRound; i++) {
                server[r * perRound + i] = requirePredictions(answers[i], samples).get("millis").asDouble();
            }
            last = answers[perRound - 1];
        }
        return new Batch(new Rates(rates), server, labels(last));
    }

    /** Rows/s of {@code rounds} uploads of {@code csv} ({@code rows} rows), each answer read to its last byte. */
    Csv csv(CsvUpload csv, int rows, int rounds) throws Exception {
        warmUp(() -> csv(csv));
        double[] rates = new double[rounds];
        byte[] answer = null;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            answer = csv(csv);
            rates[r] = rows / ((System.nanoTime() - t) / 1e9);
            requireRows(answer, rows);
        }
        return new Csv(new Rates(rates), csv.body().length, predictedColumn(answer));
    }

    /** The answer to one JSON body (checked for status 200 only). */
    byte[] json(byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(predict).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The answer to one CSV upload (checked for status 200 only). */
    byte[] csv(CsvUpload csv) throws Exception {
        return send(HttpRequest.newBuilder(predictCsv).header("Content-Type", csv.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv.body())));
    }

    private byte[] send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> r = http.send(request.header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /** The labels of a JSON answer, in order (null where a prediction has none). */
    static List<String> labels(byte[] answer) {
        return labels(JSON.readTree(answer));
    }

    private static List<String> labels(JsonNode answer) {
        JsonNode predictions = answer.get("predictions");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            JsonNode label = predictions.get(i).path("label");
            labels.add(label.isString() ? label.asString() : null);
        }
        return labels;
    }

    /** The answer, parsed, after checking it names {@code samples} predictions. */
    private static JsonNode requirePredictions(byte[] answer, int samples) {
        JsonNode json = JSON.readTree(answer);
        List<String> labels = labels(json);
        if (labels.size() != samples || labels.contains(null)) {
            throw new IllegalStateException("expected " + samples + " named predictions, got " + labels);
        }
        return json;
    }

    /**
     * The {@code predicted} column of a CSV answer (cells split at commas: the benchmark's pixel values and
     * Fashion-MNIST's class names hold none, so no cell is quoted).
     */
    static List<String> predictedColumn(byte[] answer) {
        List<String> lines = new String(answer, StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
        int column = Arrays.asList(lines.getFirst().split(",", -1)).indexOf("predicted");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)[column]).toList();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The answer has a header with the prediction columns and {@code rows} data rows. */
    private static void requireRows(byte[] answer, int rows) {
        String text = new String(answer, StandardCharsets.UTF_8);
        long lines = text.lines().filter(l -> !l.isEmpty()).count();
        String header = text.substring(0, Math.max(0, text.indexOf('\n')));
        if (lines - 1 != rows || !header.contains("predicted")) {
            throw new IllegalStateException("expected a header with the predictions and " + rows + " rows, got "
                    + (lines - 1) + " rows under '" + header.substring(Math.max(0, header.length() - 80)) + "'");
        }
    }

    /** Calls {@code step} untimed for InferenceBenchmark's warm-up seconds, at least a few times. */
    private static void warmUp(Step step) throws Exception {
        long end = System.nanoTime() + (long) (InferenceBenchmark.WARMUP_SECONDS * 1e9);
        for (int i = 0; i < MIN_WARMUP_CALLS || System.nanoTime() < end; i++) {
            step.run();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** A multipart/form-data body with one CSV file part named "file", as a browser's upload sends it. */
    record CsvUpload(String contentType, byte[] body) {
        static CsvUpload of(String fileName, String csv) {
            String boundary = "----netwright-bench-" + Long.toHexString(System.nanoTime());
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            byte[] body = (head + csv + tail).getBytes(StandardCharsets.UTF_8);
            return new CsvUpload("multipart/form-data; boundary=" + boundary, body);
        }
    }
}
