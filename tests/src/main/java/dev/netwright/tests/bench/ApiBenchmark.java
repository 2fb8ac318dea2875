package dev.netwright.tests.bench;

import dev.netwright.designer.template.Templates;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.tests.bench.PredictionClient.Batch;
import dev.netwright.tests.bench.PredictionClient.Csv;
import dev.netwright.tests.bench.PredictionClient.CsvUpload;
import dev.netwright.tests.bench.PredictionClient.Single;
import dev.netwright.tests.load.LoadBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prediction API end to end (request in, answer out) beside a PyTorch HTTP server. Boots the platform
 * (embedded PostgreSQL, a scratch data folder), signs up, trains the {@code mlp-fashion-mnist} and {@code lenet-cnn}
 * templates as platform runs (one epoch on 4,096 Fashion-MNIST samples) and then, from one client thread over one
 * kept-alive HTTP/1.1 connection on loopback, measures per model: (a) single-sample {@code POST
 * /api/models/{id}/predict} latency p50/p99/mean; (b) batch-256 requests, samples/s in 5 timed rounds of 20; (c)
 * {@code POST /api/models/{id}/predict-csv} with a 2,000-row file, rows/s in 3 rounds, each answer read to its last
 * byte and checked for 2,000 rows. Each section first runs untimed for {@link InferenceBenchmark#WARMUP_SECONDS},
 * after an untimed pass over all sections. Prints the load average before and after each side, the ratios, and how
 * many batch samples and CSV rows got the same label on both sides; then single requests again in rounds alternating
 * between the sides, with the rounds' ratios (min/median/max).
 * The peer ({@link HttpPeer}) serves the model ZIP the run's artifact download gives (its PyTorch export, training
 * normalisation and class names) and is driven by the same {@link PredictionClient} with the same bodies.
 *
 * <pre>./netwright bench api [requests=1000]</pre>
 */
public final class ApiBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> TEMPLATES = List.of("mlp-fashion-mnist", "lenet-cnn");
    private static final int TRAIN_SAMPLES = 4096;
    private static final int BATCH = 256;
    private static final int BATCH_ROUNDS = 5;
    private static final int BATCH_REQUESTS_PER_ROUND = 20;
    private static final int CSV_ROWS = 2000;
    private static final int CSV_ROUNDS = 3;

    private ApiBenchmark() {
    }

    /** One side's figures for one model, with the load average read before and after it was measured. */
    record Figures(Single single, Batch batch, Csv csv, String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        TEMPLATES.forEach(t -> Templates.find(t).orElseThrow(() -> new IllegalStateException("no template " + t)));
        ArrayDataset test = BuiltinCatalog.standard().load("fashion-mnist", new LoadOptions(1, 2048)).test();
        System.out.printf(Locale.ROOT, "API benchmark: one client thread, HTTP/1.1 keep-alive on loopback; %d single "
                + "requests, %d x %d batch-%d requests, %d x %d-row CSV files per model; %.0f s untimed warm-up per "
                + "section, after one untimed pass over all sections (on Netwright's side first over every model); "
                + "%d threads; %s%n", requests, BATCH_ROUNDS, BATCH_REQUESTS_PER_ROUND, BATCH, CSV_ROUNDS, CSV_ROWS,
                InferenceBenchmark.WARMUP_SECONDS, threads, CpuSetup.describe() + "; " + CpuSetup.describePeer());
        Path data = Files.createTempDirectory("netwright-bench-api");
        try (ConfigurableApplicationContext server = LoadBenchmark.startServer(data.resolve("platform"))) {
            String base = "http://127.0.0.1:" + LoadBenchmark.port(server);
            ApiSession api = new ApiSession(base);
            TrainingSettings settings = TrainingSettings.DEFAULTS.with("epochs", 1).with("batchSize", 128)
                    .with("learningRate", 1e-3).with("validationFraction", 0.1);
            Map<String, String> runs = new LinkedHashMap<>();
            for (String template : TEMPLATES) {
                runs.put(template, api.train(template, TRAIN_SAMPLES, settings));
            }
            for (Map.Entry<String, String> run : runs.entrySet()) {
                api.awaitSuccess(run.getValue(), Duration.ofMinutes(20));
                System.out.printf(Locale.ROOT, "%-18s trained as platform run %s (model id = run id)%n", run.getKey(),
                        run.getValue());
            }
            Map<String, Bodies> bodies = new LinkedHashMap<>();
            for (Map.Entry<String, String> run : runs.entrySet()) {
                bodies.put(run.getKey(), Bodies.of(test, toLongs(api.describeModel(run.getValue()).get("inputShape"))));
            }
            // the server has served every model before any is timed, as a serving process that has been up a while:
            // otherwise the model measured first also pays for compiling the server's request path (a run with the
            // order reversed had each model 1.4-3 ms slower per single request when it went first)
            for (Map.Entry<String, String> run : runs.entrySet()) {
                untimedPass(new PredictionClient(base, run.getValue(), api.authorization()), bodies.get(run.getKey()));
            }
            for (Map.Entry<String, String> run : runs.entrySet()) {
                String template = run.getKey();
                String model = run.getValue();
                PredictionClient client = new PredictionClient(base, model, api.authorization());
                Figures ours = measure(client, bodies.get(template), requests);
                print(template, "Netwright", ours);
                Path dir = api.downloadModel(model, data.resolve("models").resolve(template));
                Optional<HttpPeer> started = HttpPeer.start(dir, threads);
                if (started.isPresent()) {
                    try (HttpPeer p = started.get()) {
                        PredictionClient theirs = new PredictionClient(p.base(), model, api.authorization());
                        Figures peer = measure(theirs, bodies.get(template), requests);
                        print(template, "PyTorch", peer);
                        compare(template, ours, peer);
                        alternate(template, client, theirs, bodies.get(template), requests);
                    }
                }
            }
        } finally {
            LoadBenchmark.delete(data);
        }
        System.exit(0);
    }

    /** The request bodies both sides get: 64 single samples, one batch of 256, one CSV file of 2,000 rows. */
    record Bodies(List<byte[]> singles, byte[] batch, CsvUpload csv) {
        static Bodies of(ArrayDataset test, long[] shape) {
            List<byte[]> singles = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                singles.add(JSON.writeValueAsBytes(Map.of("input",
                        InferenceBenchmark.nested(test.sample(i), shape, 0, 0))));
            }
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(InferenceBenchmark.nested(test.sample(i % test.size()), shape, 0, 0));
            }
            return new Bodies(singles, JSON.writeValueAsBytes(Map.of("inputs", batch)),
                    CsvUpload.of("samples.csv", csvFile(test, CSV_ROWS)));
        }
    }

    private static Figures measure(PredictionClient client, Bodies bodies, int requests) throws Exception {
        untimedPass(client, bodies);
        String before = loadAverage();
        Single single = client.single(bodies.singles(), requests);
        Batch batch = client.batch(bodies.batch(), BATCH, BATCH_ROUNDS, BATCH_REQUESTS_PER_ROUND);
        Csv csv = client.csv(bodies.csv(), CSV_ROWS, CSV_ROUNDS);
        return new Figures(single, batch, csv, before, loadAverage());
    }

    /**
     * All three sections once, each with its warm-up, the figures dropped: a section's own seconds of warm-up did not
     * get the server's request path compiled on the shared 2-core machine (the JIT's threads run at nice 19 there,
     * CompilerThreads). Both sides get it before they are timed.
     */
    private static void untimedPass(PredictionClient client, Bodies bodies) throws Exception {
        client.single(bodies.singles(), 100);
        client.batch(bodies.batch(), BATCH, 1, 2);
        client.csv(bodies.csv(), CSV_ROWS, 1);
    }

    /** Rounds of single requests, alternating between the sides. */
    static final int ALTERNATED_ROUNDS = 5;

    /**
     * Single requests again, {@link #ALTERNATED_ROUNDS} rounds of a fifth of {@code requests} per side, ours then the
     * peer's, each round after its own warm-up: the machine's speed drifts over the minutes between the two sides'
     * sections above, and a ratio of two figures taken seconds apart is less moved by it. Prints each round's p50s and
     * the ratios' min/median/max.
     */
    private static void alternate(String template, PredictionClient ours, PredictionClient theirs, Bodies bodies,
            int requests) throws Exception {
        int perRound = Math.max(1, requests / ALTERNATED_ROUNDS);
        double[] ratios = new double[ALTERNATED_ROUNDS];
        StringBuilder rounds = new StringBuilder();
        for (int r = 0; r < ALTERNATED_ROUNDS; r++) {
            double oursP50 = ours.single(bodies.singles(), perRound).percentile(50);
            double theirsP50 = theirs.single(bodies.singles(), perRound).percentile(50);
            ratios[r] = theirsP50 / oursP50;
            rounds.append(String.format(Locale.ROOT, "%s%.3f/%.3f", r == 0 ? "" : ", ", oursP50, theirsP50));
        }
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-18s single requests alternated, %d rounds of %d per side (p50 ms ours/PyTorch: "
                + "%s; load average %s): ratio min %.2f, median %.2f, max %.2f%n", template, ALTERNATED_ROUNDS,
                perRound, rounds, loadAverage(), sorted[0], PredictionClient.median(ratios), sorted[sorted.length - 1]);
    }

    private static void print(String template, String side, Figures f) {
        System.out.printf(Locale.ROOT, "%-18s %-9s single request: %s%n", template, side, f.single());
        System.out.printf(Locale.ROOT, "%-18s %-9s batch-%d requests: %s%n", template, side, BATCH, f.batch());
        System.out.printf(Locale.ROOT, "%-18s %-9s CSV file of %d rows: %s%n", template, side, CSV_ROWS, f.csv());
        System.out.printf(Locale.ROOT, "%-18s %-9s load average before %s, after %s%n", template, side,
                f.loadBefore(), f.loadAfter());
    }

    private static void compare(String template, Figures ours, Figures peer) {
        System.out.printf(Locale.ROOT, "%-18s ratio Netwright/PyTorch: single latency %.2f (PyTorch p50 / ours), "
                        + "batch throughput %.2f, CSV throughput %.2f (medians, ours / PyTorch's); the same label for "
                        + "%s batch samples and %s CSV rows%n", template, peer.single().percentile(50)
                        / ours.single().percentile(50), ours.batch().rates().median() / peer.batch().rates().median(),
                ours.csv().rates().median() / peer.csv().rates().median(),
                agreement(ours.batch().labels(), peer.batch().labels()),
                agreement(ours.csv().predicted(), peer.csv().predicted()));
    }

    /** "k of n": how many answers name the same class on both sides. */
    static String agreement(List<String> ours, List<String> theirs) {
        int same = 0;
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            same += ours.get(i).equals(theirs.get(i)) ? 1 : 0;
        }
        return same + " of " + Math.max(ours.size(), theirs.size());
    }

    /** The CSV a user uploads: a header of pixel columns, one sample per row, the values as the dataset has them. */
    static String csvFile(ArrayDataset test, int rows) {
        int width = test.sampleSize();
        StringBuilder s = new StringBuilder(rows * width * 6);
        for (int j = 0; j < width; j++) {
            s.append(j == 0 ? "" : ",").append("pixel").append(j + 1);
        }
        s.append("\r\n");
        for (int i = 0; i < rows; i++) {
            float[] v = test.sample(i % test.size());
            for (int j = 0; j < width; j++) {
                s.append(j == 0 ? "" : ",").append(v[j]);
            }
            s.append("\r\n");
        }
        return s.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }

    private static long[] toLongs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
