package dev.netwright.tests.bench;

import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.SupervisedTrainer;
import dev.netwright.engine.train.TrainingData;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.TrainingListener;
import dev.netwright.engine.train.profile.BatchProfile;
import dev.netwright.tests.bench.jni.NativeCalls;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training throughput on Fashion-MNIST (batch 128, Adam 1e-3, N threads) of (a) an MLP 784-256-128-10 and (b) a
 * small CNN, through Netwright's real training loop, against the same models in PyTorch (Debian's python3-torch)
 * in the same invocation. Times steady-state training after a warm-up and prints samples/s, peak memory and the
 * Netwright/PyTorch ratio. Arguments: warm-up batches (30), timed batches (200), rounds (2).
 */
public final class TrainingBenchmark {
    private static final int BATCH = 128;
    private static final Pattern PEER_STAGES = Pattern.compile("\"model\": \"(\\w+)\".*\"ms_per_batch\": \\{([^}]*)}");

    private TrainingBenchmark() {
    }

    static Design mlp() {
        return DesignBuilder.named("bench-mlp").node("in", "Input", "shape", List.of(784))
                .then("d1", "Dense", "units", 256, "activation", "relu")
                .then("d2", "Dense", "units", 128, "activation", "relu")
                .then("out", "Dense", "units", 10).build();
    }

    static Design cnn() {
        return DesignBuilder.named("bench-cnn").node("in", "Input", "shape", List.of(1, 28, 28))
                .then("c1", "Conv2D", "filters", 32, "kernelSize", 3, "activation", "relu")
                .then("p1", "MaxPool2D", "poolSize", 2)
                .then("c2", "Conv2D", "filters", 64, "kernelSize", 3, "activation", "relu")
                .then("p2", "MaxPool2D", "poolSize", 2)
                .then("flat", "Flatten")
                .then("d1", "Dense", "units", 128, "activation", "relu")
                .then("out", "Dense", "units", 10).build();
    }

    /**
     * Seconds each side trains each model untimed before its timed training, in every round: the JVM compiles its hot
     * code in its first seconds, and a compiler at work shares the cores with the kernels' threads. The peer, a fresh
     * process each round, gets the same seconds.
     */
    static final double WARMUP_SECONDS = 3;

    /** Trains {@code design} untimed for {@link #WARMUP_SECONDS} (a network of its own, thrown away). */
    static void warmUp(Design design, ArrayDataset slice, Path work) throws Exception {
        CompiledNetwork net = new DesignCompiler().compile(design, true);
        CancellationFlag stop = new CancellationFlag();
        long end = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        TrainingListener clock = new TrainingListener() {
            @Override
            public void onBatch(BatchMetrics m) {
                if (System.nanoTime() >= end) {
                    stop.cancel();
                }
            }
        };
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-3).epochs(1000).batchSize(BATCH).seed(1).validationFraction(0)
                .build();
        new SupervisedTrainer(config, clock).train(net.block(), new Shape(slice.sampleShape()),
                new TrainingData(slice, Optional.empty(), Optional.empty()), work, stop);
    }

    /** Samples per second over the batches after the warm-up, measured from the trainer's batch callbacks. */
    static double ours(Design design, ArrayDataset slice, int warmup, int batches, Path work, BatchProfile profile,
                       GcPauses gc) throws Exception {
        CompiledNetwork net = new DesignCompiler().compile(design, true);
        List<Long> times = new ArrayList<>();
        NativeCalls.Snapshot[] counted = new NativeCalls.Snapshot[2];
        JvmActivity[] jvm = new JvmActivity[2];
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onBatch(BatchMetrics m) {
                times.add(System.nanoTime());
                if (times.size() == warmup) {
                    profile.reset();
                    counted[0] = NativeCalls.snapshot();
                    jvm[0] = JvmActivity.now();
                } else if (times.size() == warmup + batches) {
                    counted[1] = NativeCalls.snapshot();
                    jvm[1] = JvmActivity.now();
                }
            }
        };
        int perEpoch = slice.size() / BATCH;
        int epochs = (warmup + batches + perEpoch - 1) / perEpoch;
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-3).epochs(epochs).batchSize(BATCH).seed(0).validationFraction(0)
                .build();
        new SupervisedTrainer(config, timer).withProfile(profile).train(net.block(), new Shape(slice.sampleShape()),
                new TrainingData(slice, Optional.empty(), Optional.empty()), work, new CancellationFlag());
        double seconds = (times.get(warmup + batches - 1) - times.get(warmup - 1)) / 1e9;
        System.out.printf(Locale.ROOT, "  Netwright %s timed batches: %.3f s, %s%n", design.name(), seconds,
                jvm[1].since(jvm[0], gc));
        if (NativeCalls.active()) {
            System.out.println("  Netwright " + design.name() + " per batch: " + counted[1].since(counted[0], batches,
                    12));
        }
        return batches * BATCH / seconds;
    }

    /** A stage profile, with JNI calls and NDArrays per stage when the counting agent runs. */
    static BatchProfile profile() {
        return NativeCalls.active() ? BatchProfile.recording(NativeCalls.counts()) : BatchProfile.recording();
    }

    /**
     * The training samples both models train on: one epoch of exactly the batches needed, or whole epochs of the
     * training set when that is too short. Loaded with that limit (the first samples, as a slice of the whole set
     * would be), so the process never holds the whole set: peak memory is part of what the benchmark reports.
     */
    static ArrayDataset trainingSlice(int warmup, int batches) {
        BuiltinCatalog catalog = BuiltinCatalog.standard();
        int perEpoch = catalog.info("fashion-mnist").trainSize() / BATCH;
        int samples = Math.min(warmup + batches, perEpoch) * BATCH;
        return catalog.load("fashion-mnist", LoadOptions.DEFAULT.withLimit(samples)).train();
    }

    /**
     * The Java heap's share of the peak: the largest heap committed and used per pool (their sums overstate a
     * little, pools peak at different moments) and the limit; the rest of the resident peak is native (libtorch's
     * tensors and libraries, the JVM's code and collector structures).
     */
    static String heapPeaks() {
        long committed = 0;
        long used = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                committed += pool.getPeakUsage().getCommitted();
                used += pool.getPeakUsage().getUsed();
            }
        }
        String resident = "";
        try {
            // resident now: anonymous (heap, malloc: libtorch's tensors, the JVM's own) and file-backed (libraries)
            Map<String, String> status = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] kv = line.split(":\\s+", 2);
                if (kv.length == 2 && kv[0].startsWith("Rss")) {
                    status.put(kv[0], String.valueOf(Long.parseLong(kv[1].replaceAll("\\D", "")) >> 10));
                }
            }
            resident = "; resident at the end (MB): " + status;
        } catch (java.io.IOException | RuntimeException e) {
            resident = "";
        }
        return String.format(Locale.ROOT, "Java heap peak committed about %d MB, used about %d MB, limit (-Xmx) %d MB",
                committed >> 20, used >> 20, Runtime.getRuntime().maxMemory() >> 20) + resident;
    }

    static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** Runs the PyTorch peer on one model ({@code mlp} or {@code cnn}); empty when python3-torch is missing. */
    static Map<String, double[]> pytorch(int threads, int warmup, int batches, String model) throws Exception {
        Path script = Files.createTempFile("pytorch_peer", ".py");
        try (InputStream in = TrainingBenchmark.class.getResourceAsStream("/bench/pytorch_peer.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), "--models", model, "--threads",
                Integer.toString(threads), "--warmup", Integer.toString(warmup), "--batches", Integer.toString(batches),
                "--warmup-seconds", Double.toString(WARMUP_SECONDS));
        CpuSetup.asPyTorchRunsBest(pb);
        pb.redirectErrorStream(true);
        Map<String, double[]> results = new LinkedHashMap<>();
        Process p = pb.start();
        Pattern json = Pattern.compile("\"model\": \"(\\w+)\", \"samples_per_second\": ([0-9.]+), \"peak_rss_mb\": ([0-9.]+)");
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
                Matcher m = json.matcher(line);
                Matcher stages = PEER_STAGES.matcher(line);
                if (stages.find()) {
                    System.out.println("  PyTorch " + stages.group(1) + " per batch (ms): " + stages.group(2));
                }
                if (m.find()) {
                    results.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
                }
            }
        }
        if (p.waitFor() != 0) {
            System.out.println("PyTorch peer unavailable (install python3-torch): " + String.join(" | ", output));
        }
        Files.deleteIfExists(script);
        return results;
    }

    private static String format(Map<String, Double> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(' ').append(String.format(Locale.ROOT, "%.0f", v)).append("  "));
        return s.toString().trim();
    }

    private static String formatPeer(Map<String, double[]> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(' ').append(String.format(Locale.ROOT, "%.0f", v[0])).append("  "));
        return s.toString().trim();
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ArrayDataset train = trainingSlice(warmup, batches);
        Path work = Files.createTempDirectory("netwright-bench");
        System.out.printf(Locale.ROOT, "Fashion-MNIST, batch %d, Adam 1e-3, %d threads, %s; "
                        + "each side trains each model untimed for %.0f s, then %d warm-up batches, then %d timed "
                        + "batches%n", BATCH, threads, CpuSetup.describe() + "; " + CpuSetup.describePeer(),
                WARMUP_SECONDS, warmup, batches);
        // alternate the two sides for several rounds: each round gives one figure per side and its ratio, and the
        // summary shows min / median / max over the rounds (a busy machine slows both sides of a round alike)
        Map<String, List<Double>> netwright = new LinkedHashMap<>();
        Map<String, List<Double>> torch = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, Double> torchPeak = new LinkedHashMap<>();
        Map<String, Design> models = new LinkedHashMap<>();
        GcPauses gc = GcPauses.start();
        models.put("mlp", mlp());
        models.put("cnn", cnn());
        for (int round = 1; round <= rounds; round++) {
            Map<String, Double> ours = new LinkedHashMap<>();
            Map<String, double[]> peer = new LinkedHashMap<>();
            Map<String, BatchProfile> profiles = new LinkedHashMap<>();
            for (Map.Entry<String, Design> model : models.entrySet()) {
                // each model's two sides right after each other, the side going first alternating by round: the
                // machine's speed drifts over minutes, and a pair seconds apart sees the same machine
                String name = model.getKey();
                BatchProfile profile = profile();
                profiles.put(name, profile);
                boolean oursFirst = round % 2 == 1;
                if (!oursFirst) {
                    peer.putAll(pytorch(threads, warmup, batches, name));
                }
                warmUp(model.getValue(), train, work.resolve(name + "-warm-up" + round));
                ours.put(name, ours(model.getValue(), train, warmup, batches, work.resolve(name + round), profile,
                        gc));
                if (oursFirst) {
                    peer.putAll(pytorch(threads, warmup, batches, name));
                }
            }
            profiles.forEach((name, profile) -> {
                System.out.println("  Netwright " + name + " per batch: " + profile.summary());
                if (profile.countsNative()) {
                    System.out.println("  Netwright " + name + " JNI calls/NDArrays per batch: "
                            + profile.nativeSummary());
                }
            });
            ours.forEach((model, v) -> {
                netwright.computeIfAbsent(model, k -> new ArrayList<>()).add(v);
                double[] p = peer.get(model);
                if (p != null) {
                    torch.computeIfAbsent(model, k -> new ArrayList<>()).add(p[0]);
                    ratios.computeIfAbsent(model, k -> new ArrayList<>()).add(v / p[0]);
                    torchPeak.merge(model, p[1], Math::max);
                }
            });
            System.out.printf(Locale.ROOT, "round %d/%d (%s first; load average %s): Netwright %s, PyTorch %s%n",
                    round, rounds, round % 2 == 1 ? "Netwright" : "PyTorch", loadAverage(), format(ours),
                    peer.isEmpty() ? "-" : formatPeer(peer));
        }
        System.out.printf(Locale.ROOT, "%-5s %28s %28s %22s%n", "model", "Netwright samples/s min/med/max",
                "PyTorch samples/s min/med/max", "ratio min/med/max");
        for (String model : netwright.keySet()) {
            System.out.printf(Locale.ROOT, "%-5s %28s %28s %22s%n", model, spread(netwright.get(model), "%.0f"),
                    torch.containsKey(model) ? spread(torch.get(model), "%.0f") : "-",
                    ratios.containsKey(model) ? spread(ratios.get(model), "%.2f") : "-");
        }
        long ourPeak = peakRssMb();
        System.out.printf(Locale.ROOT, "peak memory: Netwright JVM %d MB%s%n", ourPeak, torchPeak.isEmpty() ? ""
                : String.format(Locale.ROOT, ", PyTorch process %.0f MB", torchPeak.values().stream()
                .mapToDouble(Double::doubleValue).max().orElse(0)));
        System.out.println("  of the JVM's: " + heapPeaks());
    }

    private static String spread(List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, sorted.getFirst(),
                sorted.get(sorted.size() / 2), sorted.getLast());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
