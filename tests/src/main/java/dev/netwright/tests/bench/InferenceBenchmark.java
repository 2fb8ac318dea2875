package dev.netwright.tests.bench;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.predict.Prediction;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.tests.bench.jni.NativeCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prediction latency and throughput of the MLP and CNN templates (mlp-fashion-mnist, lenet-cnn), each trained for
 * one short epoch on Fashion-MNIST and saved as a model bundle, then loaded with the {@link Predictor} the platform's
 * prediction service uses. Measures (a) one request end to end in process: JSON text parsed, read into a sample,
 * normalised, forward pass, answer named (what {@code POST /api/models/{id}/predict} does after authorisation and the
 * cache lookup); (b) the forward pass of one raw sample; (c) throughput at batch 256 in five timed rounds of 40
 * batches. The PyTorch peer measures (b) and (c) on the same weights, (c) both from a tensor made beforehand and from
 * one array per sample as Netwright gets them. Arguments: requests (1000).
 */
public final class InferenceBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 256;
    /**
     * Seconds each measured section first runs untimed, on both sides: the JVM compiles its hot code in its first
     * seconds (a serving process does that once), and a compiler at work shares the cores with the kernels' threads.
     * Figures are of the steady state that follows, as the peer's are.
     */
    static final double WARMUP_SECONDS = 3;
    /** At least this many untimed calls per section, whatever the time. */
    private static final int MIN_WARMUP_CALLS = 30;
    /** Timed rounds of {@link #ROUND_BATCHES} batches each, on both sides: figures are min / median / max of rounds. */
    private static final int REPEATS = 5;
    private static final int ROUND_BATCHES = 40;

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        BuiltinCatalog catalog = BuiltinCatalog.standard();
        ArrayDataset test = catalog.load("fashion-mnist", new LoadOptions(1, 2048)).test();
        Path work = Files.createTempDirectory("netwright-bench-inference");
        System.out.printf(Locale.ROOT, "inference benchmark: %d single requests per model, batch %d, %s threads, %s%n",
                requests, BATCH, System.getProperty("ai.djl.pytorch.num_threads", "default"),
                CpuSetup.describe() + "; " + CpuSetup.describePeer());
        for (String template : List.of("mlp-fashion-mnist", "lenet-cnn")) {
            Design design = Templates.find(template).orElseThrow().design();
            Path dir = work.resolve(template);
            TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                    .optimizer(OptimizerKind.ADAM, 1e-3).epochs(1).batchSize(128).seed(1).validationFraction(0)
                    .build();
            RunOutcome outcome = new TrainingRun().execute(new RunRequest(design,
                    new DatasetSpec.Builtin("fashion-mnist", 4096), config), new RunListener() {
                    }, dir, new CancellationFlag());
            if (outcome.modelDir().isEmpty()) {
                throw new IllegalStateException(template + " did not train: " + outcome.failure());
            }
            Measured ours;
            long[] shape;
            try (Predictor predictor = Predictor.load(dir)) {
                ours = measure(template, predictor, test, requests);
                shape = predictor.schema().shape();
            }
            Optional<Measured> peer = pytorch(dir, shape, requests);
            System.out.printf(Locale.ROOT, "%-18s PyTorch %s eager (no_grad, same exported weights): %s%n", template,
                    System.getProperty("ai.djl.pytorch.num_threads", "2") + "-thread",
                    peer.map(p -> String.format(Locale.ROOT, "single forward p50 %.3f ms, p99 %.3f ms; batch %d "
                            + "samples/s from a tensor made beforehand %s, from one array per sample %s",
                            p.singleP50(), p.singleP99(), BATCH, p.batch(), p.rows())).orElse("unavailable (install "
                            + "python3-torch)"));
            peer.ifPresent(p -> System.out.printf(Locale.ROOT, "%-18s ratio Netwright/PyTorch: single forward %.2f "
                    + "(PyTorch p50 / ours); batch throughput (medians) %.2f against PyTorch's prepared tensor, %.2f "
                    + "against PyTorch from one array per sample%n", template, p.singleP50() / ours.singleP50(),
                    ours.batch().median() / p.batch().median(), ours.batch().median() / p.rows().median()));
        }
    }

    /**
     * One side's figures: single raw forward pass p50/p99 in ms; batch throughput in samples/s over the timed rounds;
     * for the peer also from one array per sample ({@code rows}, the same as {@code batch} for Netwright, whose
     * requests always arrive that way).
     */
    record Measured(double singleP50, double singleP99, Rates batch, Rates rows) {
    }

    /** Samples/s of each timed round. */
    record Rates(double[] perRound) {
        static Rates of(JsonNode values) {
            double[] r = new double[values.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = values.get(i).asDouble();
            }
            return new Rates(r);
        }

        double median() {
            double[] s = perRound.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        @Override
        public String toString() {
            double[] s = perRound.clone();
            Arrays.sort(s);
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f (min / median / max of %d rounds)", s[0], median(),
                    s[s.length - 1], s.length);
        }
    }

    /** The same model through the PyTorch code and weights the run exported, under Debian's python3-torch. */
    static Optional<Measured> pytorch(Path modelDir, long[] shape, int requests) throws Exception {
        Path code = modelDir.resolve("pytorch").resolve("model.py");
        Path weights = modelDir.resolve("pytorch").resolve("weights.npz");
        if (!Files.exists(code) || !Files.exists(Path.of("/usr/bin/python3"))) {
            return Optional.empty();
        }
        Path script = Files.createTempFile("pytorch_inference_peer", ".py");
        try (java.io.InputStream in = InferenceBenchmark.class.getResourceAsStream("/bench/pytorch_inference_peer.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), code.toString(),
                weights.toString(), "--shape", Arrays.stream(shape).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(",")), "--threads",
                System.getProperty("ai.djl.pytorch.num_threads", "2"), "--requests", Integer.toString(requests),
                "--batch", Integer.toString(BATCH), "--warmup-seconds", Double.toString(WARMUP_SECONDS), "--rounds",
                Integer.toString(ROUND_BATCHES), "--repeats", Integer.toString(REPEATS));
        CpuSetup.asPyTorchRunsBest(pb);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int rc = p.waitFor();
        Files.deleteIfExists(script);
        String last = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (rc != 0 || last == null) {
            System.out.println("PyTorch inference peer failed: " + output);
            return Optional.empty();
        }
        JsonNode json = JSON.readTree(last);
        return Optional.of(new Measured(json.get("single_p50_ms").asDouble(), json.get("single_p99_ms").asDouble(),
                Rates.of(json.get("batch_samples_per_second")), Rates.of(json.get("rows_samples_per_second"))));
    }

    private static Measured measure(String name, Predictor predictor, ArrayDataset test, int requests) {
        long[] shape = predictor.schema().shape();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            bodies.add(JSON.writeValueAsString(java.util.Map.of("input", nested(test.sample(i), shape, 0, 0))));
        }
        int[] next = {0};
        warmUp(() -> predictor.predict(predictor.readBody(JSON.readTree(bodies.get(next[0]++ % bodies.size())))));
        long[] json = new long[requests];
        NativeCalls.Snapshot before = NativeCalls.snapshot();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            JsonNode body = JSON.readTree(bodies.get(Math.floorMod(i, bodies.size())));
            List<Prediction> answer = predictor.predict(predictor.readBody(body));
            if (answer.getFirst().label() == null) {
                throw new IllegalStateException("no label");
            }
            json[i] = System.nanoTime() - t;
        }
        String jsonCounts = NativeCalls.snapshot().since(before, requests, 8);
        long[] raw = new long[requests];
        warmUp(() -> predictor.predict(List.of(test.sample(next[0]++ % 64))));
        before = NativeCalls.snapshot();
        for (int i = 0; i < requests; i++) {
            float[] row = test.sample(i % 64);
            long t = System.nanoTime();
            predictor.predict(List.of(row));
            raw[i] = System.nanoTime() - t;
        }
        String rawCounts = NativeCalls.snapshot().since(before, requests, 8);
        List<float[]> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(test.sample(i % test.size()));
        }
        warmUp(() -> predictor.predict(batch));
        double[] rates = new double[REPEATS];
        before = NativeCalls.snapshot();
        for (int r = 0; r < REPEATS; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < ROUND_BATCHES; i++) {
                predictor.predict(batch);
            }
            rates[r] = ROUND_BATCHES * BATCH / ((System.nanoTime() - t) / 1e9);
        }
        String batchCounts = NativeCalls.snapshot().since(before, REPEATS * ROUND_BATCHES, 8);
        Rates batchRates = new Rates(rates);
        System.out.printf(Locale.ROOT, "%-18s single request (JSON in, named answer): p50 %.3f ms, p99 %.3f ms, "
                + "mean %.3f ms%n", name, pct(json, 50), pct(json, 99), mean(json));
        System.out.printf(Locale.ROOT, "%-18s single forward pass (raw sample):       p50 %.3f ms, p99 %.3f ms%n", name,
                pct(raw, 50), pct(raw, 99));
        System.out.printf(Locale.ROOT, "%-18s batch %d throughput (256 Java arrays in, named answers out): %s "
                + "samples/s (median %.2f ms per batch)%n", name, BATCH, batchRates, BATCH * 1000 / batchRates.median());
        if (NativeCalls.active()) {
            System.out.printf(Locale.ROOT, "%-18s per single request: %s%n", name, jsonCounts);
            System.out.printf(Locale.ROOT, "%-18s per single forward: %s%n", name, rawCounts);
            System.out.printf(Locale.ROOT, "%-18s per batch of %d:    %s%n", name, BATCH, batchCounts);
        }
        return new Measured(pct(raw, 50), pct(raw, 99), batchRates, batchRates);
    }

    /** Runs {@code step} untimed for {@link #WARMUP_SECONDS}, at least {@link #MIN_WARMUP_CALLS} times. */
    private static void warmUp(Runnable step) {
        long end = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int i = 0; i < MIN_WARMUP_CALLS || System.nanoTime() < end; i++) {
            step.run();
        }
    }

    /** A flat sample as nested lists of its shape, as a JSON prediction request carries it. */
    static Object nested(float[] values, long[] shape, int depth, int offset) {
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < shape[depth]; i++) {
            out.add(depth == shape.length - 1 ? (Object) values[offset + i]
                    : nested(values, shape, depth + 1, offset + i * stride));
        }
        return out;
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
