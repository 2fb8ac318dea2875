package dev.netwright.tests.bench;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.tests.load.LoadBenchmark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same training through the platform and through the command line's code path, in one invocation: the
 * benchmark CNN on Fashion-MNIST trained (a) as a run of the platform server (embedded PostgreSQL, the in-process
 * worker, metric points stored and fanned out, an SSE client following the run as the run page does) and (b) with
 * {@link TrainingRun} as {@code ./netwright train} does. Prints each side's epoch times and the platform's per-batch
 * throughput points (min/median/max: a flat chart has a small spread), and the ratio of the mean epoch times. Several
 * rounds (a fresh server each, the side going first alternating) give min/median/max of the ratio: the machine's speed
 * drifts over minutes, so one pair of runs is not a result. Each round's server gets an untimed one-epoch run first, so
 * that both sides are timed with their code compiled. With {@code worker} as the fourth argument the platform's runs
 * train on a standalone worker instead ({@code ./netwright worker}, its own JVM, HTTP only; the server has no
 * in-process worker), started for each round.
 *
 * <pre>./netwright bench platform [samples=20000] [epochs=3] [rounds=3] [in-process|worker]</pre>
 */
public final class PlatformBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlatformBenchmark() {
    }

    /** Which worker trains the platform's runs. */
    enum Worker {
        IN_PROCESS, STANDALONE;

        static Worker of(String argument) {
            return switch (argument) {
                case "in-process" -> IN_PROCESS;
                case "worker" -> STANDALONE;
                default -> throw new IllegalArgumentException("the fourth argument is in-process or worker, not "
                        + argument);
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Worker worker = args.length > 3 ? Worker.of(args[3]) : Worker.IN_PROCESS;
        Design design = TrainingBenchmark.cnn();
        TrainingSettings settings = TrainingSettings.DEFAULTS.with("epochs", epochs).with("batchSize", 128)
                .with("learningRate", 1e-3).with("validationFraction", 0.1);
        System.out.printf(Locale.ROOT, "benchmark CNN, Fashion-MNIST %d samples, %d epochs, batch 128, Adam 1e-3, "
                + "%s threads; %d rounds, each a platform run on a freshly started server (%s) and the command "
                + "line's run with the server stopped, the side going first alternating%n", samples, epochs,
                System.getProperty("ai.djl.pytorch.num_threads", "default"), rounds, worker == Worker.IN_PROCESS
                        ? "its in-process worker" : "a standalone worker process started for the round");
        GcPauses gc = GcPauses.start();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // the machine's speed drifts over minutes: each round's ratio compares two runs a few seconds apart, and
            // the side going first alternates (the second of a pair was often the slower)
            boolean platformFirst = round % 2 == 1;
            Sides sides = round(design, samples, settings, gc, round == rounds, worker, platformFirst);
            double ratio = sides.platform() / sides.cli();
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "round %d/%d (%s first; load average %s): mean epoch time (after the "
                    + "first): platform %.2f s, command line %.2f s, platform/command line %.2f%n", round, rounds,
                    platformFirst ? "platform" : "command line", TrainingBenchmark.loadAverage(), sides.platform(),
                    sides.cli(), ratio);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "platform/command line over %d rounds: min %.2f, median %.2f, max %.2f%n",
                rounds, sorted.getFirst(), median(sorted), sorted.getLast());
        System.exit(0);
    }

    /** One round's mean epoch times (after the first epoch) of each side, in seconds. */
    private record Sides(double platform, double cli) {
    }

    /**
     * A platform run on a server started for it (after an untimed run, in which that server compiles its code, as one
     * that has been up a while has) and the command line's code path on the same data with
     * the server stopped, the platform first when {@code platformFirst}. Prints the epoch times; with
     * {@code details}, also where each side's throughput dips.
     */
    private static Sides round(Design design, int samples, TrainingSettings settings, GcPauses gc,
            boolean details, Worker worker, boolean platformFirst) throws Exception {
        CliSide cli = platformFirst ? null : cliSide(design, samples, settings);
        idle("the platform run");
        PlatformSide platform = platformSide(design, samples, settings, worker);
        if (platformFirst) {
            cli = cliSide(design, samples, settings);
        }
        System.out.println("platform epoch seconds: " + format(platform.epochs()) + " (SSE events received: "
                + platform.streamed() + ")");
        System.out.println("command line epoch seconds: " + format(cli.epochs()));
        if (details) {
            List<Double> sorted = platform.points().stream().map(Throughput::samplesPerSecond).sorted().toList();
            if (!sorted.isEmpty()) {
                System.out.printf(Locale.ROOT, "platform batch throughput points: %d, min %.0f, median %.0f, max %.0f "
                                + "samples/s%n", sorted.size(), sorted.getFirst(), sorted.get(sorted.size() / 2),
                        sorted.getLast());
            }
            describe("platform points (throughput since the previous point of the epoch)", platform.points(), gc);
            describe("command line, each batch's own throughput (what a platform point carried before)",
                    cli.batches(), gc);
            describe("command line, the same batches in 250 ms windows (what a platform point carries now)",
                    windows(cli.batches(), 250), gc);
        }
        System.out.println("  garbage collection in this JVM during the platform run: "
                + gc.summary(platform.start(), platform.end()));
        System.out.println("  garbage collection during the command-line run: " + gc.summary(cli.start(), cli.end()));
        // the first epoch carries the warm-up on both sides; compare the rest when there is a rest
        return new Sides(meanAfterFirst(platform.epochs()), meanAfterFirst(cli.epochs()));
    }

    /**
     * Two idle seconds before a side, with this JVM's live threads and the CPU used meanwhile: what the servers of
     * earlier rounds (closed, in this JVM) and the other side left running.
     */
    private static void idle(String next) throws InterruptedException {
        CpuTimes start = CpuTimes.now(null);
        Thread.sleep(2000);
        System.out.println("idle before " + next + ": " + java.lang.management.ManagementFactory.getThreadMXBean()
                .getThreadCount() + " live threads; " + CpuTimes.now(null).since(start));
    }

    /** The command line's side of a round: its wall-clock span, epoch times and each batch's throughput. */
    private record CliSide(long start, long end, List<Double> epochs, List<Throughput> batches) {
    }

    /** The same training through {@link TrainingRun}, as {@code ./netwright train} runs it, in this JVM. */
    private static CliSide cliSide(Design design, int samples, TrainingSettings settings) throws Exception {
        idle("the command-line run");
        List<Double> epochs = new ArrayList<>();
        List<Throughput> batches = new ArrayList<>();
        CpuTimes before = CpuTimes.now(null);
        long start = System.currentTimeMillis();
        Path work = Files.createTempDirectory("netwright-bench-cli");
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Builtin("fashion-mnist",
                samples), settings.toConfig(false)), new RunListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        epochs.add(m.epochTime().toNanos() / 1e9);
                    }

                    @Override
                    public void onBatch(BatchMetrics m) {
                        long end = System.currentTimeMillis();
                        batches.add(new Throughput(m.epoch(), m.batch(), m.batchesPerEpoch(), m.samplesPerSecond(),
                                end - Math.round(m.samples() / m.samplesPerSecond() * 1000), end));
                    }
                }, work, new CancellationFlag());
        if (outcome.modelDir().isEmpty()) {
            throw new IllegalStateException("the command-line run did not finish: " + outcome.failure());
        }
        long end = System.currentTimeMillis();
        System.out.println("command-line run: " + CpuTimes.now(null).since(before).replace(" (server and worker)", ""));
        LoadBenchmark.delete(work);
        return new CliSide(start, end, epochs, batches);
    }

    /**
     * The platform's side of a round on a server started for it, trained by its in-process worker or by a standalone
     * worker process started for it.
     */
    private static PlatformSide platformSide(Design design, int samples, TrainingSettings settings, Worker worker)
            throws Exception {
        Path data = Files.createTempDirectory("netwright-bench-platform");
        try (ConfigurableApplicationContext server = worker == Worker.IN_PROCESS ? LoadBenchmark.startServer(data)
                : LoadBenchmark.startServer(data, "--netwright.jobs.local-workers=0")) {
            String base = "http://127.0.0.1:" + LoadBenchmark.port(server);
            ApiUser user = new ApiUser(base);
            if (worker == Worker.IN_PROCESS) {
                return platformRun(new Api(user, null), design, samples, settings);
            }
            // the first account of a server is its administrator, who makes the worker's token; the fresh worker JVM
            // compiles its code in the untimed run
            try (StandaloneWorker standalone = StandaloneWorker.start(base, Api.workerToken(user),
                    Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2")),
                    data.resolve("worker.log"))) {
                return platformRun(new Api(user, standalone), design, samples, settings);
            }
        } finally {
            LoadBenchmark.delete(data);
        }
    }

    /** The platform's side of a round: its wall-clock span, epoch times, batch points and SSE events received. */
    private record PlatformSide(long start, long end, List<Double> epochs, List<Throughput> points,
                                AtomicInteger streamed) {
    }

    /**
     * The timed platform run, followed as the run page follows it, after an untimed one followed likewise: a server
     * that has been up a while has its code compiled, and so has the command line's side, which runs in this JVM.
     * Without it the first round's timed run paid for compiling (its epochs still getting faster at the third: 8.7,
     * 6.7, 6.3 s against the command line's 5.8 s), and the fresh servers of later rounds had 3.5-4.6 s of JIT
     * compiling in their timed runs against 2.7-3.2 s with an untimed run that no one followed.
     */
    private static PlatformSide platformRun(Api api, Design design, int samples, TrainingSettings settings)
            throws Exception {
        CpuTimes warmUp = CpuTimes.now(api.worker);
        String untimed = followedRun(api, design, samples, settings.with("epochs", 1), new AtomicInteger());
        System.out.println("untimed platform run first, followed (a server up a while): epoch seconds "
                + format(api.epochSeconds(untimed)) + "; " + CpuTimes.now(api.worker).since(warmUp));
        AtomicInteger streamed = new AtomicInteger();
        CpuTimes before = CpuTimes.now(api.worker);
        long start = System.currentTimeMillis();
        String run = followedRun(api, design, samples, settings, streamed);
        long end = System.currentTimeMillis();
        System.out.println("timed platform run, followed: " + CpuTimes.now(api.worker).since(before));
        return new PlatformSide(start, end, api.epochSeconds(run), api.batchThroughput(run), streamed);
    }

    /** Launches a run and follows its event stream as the run page does until it succeeds; its id. */
    private static String followedRun(Api api, Design design, int samples, TrainingSettings settings,
                                      AtomicInteger streamed) throws Exception {
        String run = api.launch(design, samples, settings);
        Thread watcher = Thread.ofVirtual().start(() -> api.follow(run, streamed));
        RunStatus status = api.awaitEnd(run, Duration.ofMinutes(30));
        watcher.join(10_000);
        if (status != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("the platform run " + run + " ended " + status);
        }
        return run;
    }

    /**
     * CPU time used so far by this JVM (the server, and the in-process worker), by the standalone worker's process
     * and by the whole machine, and the time the hypervisor gave this machine's CPUs to others (steal): on two cores
     * whatever the server or any other process uses while a run trains is taken from the training, and a side that
     * saw steal ran on a slower machine than the other.
     */
    private record CpuTimes(long wallNanos, long serverNanos, long workerNanos, MachineTicks machine,
                            JvmActivity jvm) {
        /** Half a second of steal in a run: one round of stop 36 had 4.4 s, and its platform epochs took 1.7 times. */
        static final long STEAL_LIMIT_TICKS = 50;

        static CpuTimes now(StandaloneWorker worker) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            return new CpuTimes(System.nanoTime(), os.getProcessCpuTime(), worker == null ? 0 : worker.cpuNanos(),
                    MachineTicks.now(), JvmActivity.now());
        }

        String since(CpuTimes start) {
            double ours = (serverNanos - start.serverNanos + workerNanos - start.workerNanos) / 1e9;
            double busy = (machine.busy() - start.machine.busy()) / MachineTicks.PER_SECOND;
            return String.format(Locale.ROOT, "CPU seconds over %.1f s: this JVM (server%s) %.1f%s; other processes "
                            + "%.1f, steal %.1f", (wallNanos - start.wallNanos) / 1e9, workerNanos == 0 ? " and worker"
                            : "", (serverNanos - start.serverNanos) / 1e9, workerNanos == 0 ? ""
                            : String.format(Locale.ROOT, ", standalone worker %.1f",
                            (workerNanos - start.workerNanos) / 1e9), Math.max(0, busy - ours),
                    (machine.steal() - start.machine.steal()) / MachineTicks.PER_SECOND)
                    + String.format(Locale.ROOT, "; this JVM's JIT compiling %d ms",
                    jvm.compileMillis() - start.jvm.compileMillis())
                    + (machine.steal() - start.machine.steal() > STEAL_LIMIT_TICKS
                    ? " (the hypervisor took this machine's CPUs: this round is not a result)" : "");
        }
    }

    /** The machine's busy and steal clock ticks from /proc/stat (zero where there is none). */
    private record MachineTicks(long busy, long steal) {
        /** USER_HZ, 100 on Linux's common builds. */
        static final double PER_SECOND = 100;

        static MachineTicks now() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
                return new MachineTicks(busy, Long.parseLong(f[8]));
            } catch (Exception e) {
                return new MachineTicks(0, 0);
            }
        }
    }

    /**
     * One throughput figure of a run: a platform batch point or a command-line batch, with the wall-clock window
     * (epoch milliseconds) it covers.
     */
    record Throughput(int epoch, int batch, int batchesPerEpoch, double samplesPerSecond, long fromMillis,
                      long toMillis) {
    }

    /**
     * Where a run's low throughput figures sit: per epoch (the first carries the warm-up), the last batch of each
     * epoch (a smaller batch), and how many of the figures under 80 % of the median had a collection in their window.
     */
    static void describe(String what, List<Throughput> figures, GcPauses gc) {
        if (figures.isEmpty()) {
            return;
        }
        double median = median(figures.stream().map(Throughput::samplesPerSecond).toList());
        StringBuilder epochs = new StringBuilder();
        figures.stream().mapToInt(Throughput::epoch).distinct().forEach(e -> {
            List<Double> in = figures.stream().filter(t -> t.epoch() == e).map(Throughput::samplesPerSecond).toList();
            epochs.append(String.format(Locale.ROOT, "  epoch %d: %d figures, min %.0f, median %.0f, max %.0f, "
                            + "first %.0f, last %.0f%n", e, in.size(), in.stream().min(Double::compare).orElseThrow(),
                    median(in), in.stream().max(Double::compare).orElseThrow(), in.getFirst(), in.getLast()));
        });
        List<Throughput> low = figures.stream().filter(t -> t.samplesPerSecond() < 0.8 * median).toList();
        List<Throughput> lowWithGc = low.stream().filter(t -> gc.millisBetween(t.fromMillis(), t.toMillis()) > 0)
                .toList();
        long lastOfEpoch = low.stream().filter(t -> t.batch() == t.batchesPerEpoch()).count();
        long firstEpochStart = low.stream().filter(t -> t.epoch() == figures.getFirst().epoch() && t.batch() <= 10)
                .count();
        System.out.printf(Locale.ROOT, "%s: %d figures, median %.0f samples/s%n%s  under 80 %% of the median: %d "
                        + "(last batch of an epoch: %d, first 10 batches of the first epoch: %d, a collection in "
                        + "the window: %d, %d ms of pauses there)%n", what, figures.size(), median, epochs,
                low.size(), lastOfEpoch, firstEpochStart, lowWithGc.size(),
                lowWithGc.stream().mapToLong(t -> gc.millisBetween(t.fromMillis(), t.toMillis())).sum());
    }

    /**
     * Consecutive batches of one epoch grouped until a group spans at least {@code millis}, each group's figure its
     * samples over its wall time: what the platform's sampled points carry, computed on the command line's batches.
     */
    static List<Throughput> windows(List<Throughput> batches, long millis) {
        List<Throughput> out = new ArrayList<>();
        int i = 0;
        while (i < batches.size()) {
            Throughput first = batches.get(i);
            double samples = 0;
            Throughput t = first;
            do {
                t = batches.get(i++);
                samples += t.samplesPerSecond() * (t.toMillis() - t.fromMillis()) / 1000.0;
            } while (i < batches.size() && batches.get(i).epoch() == first.epoch()
                    && t.toMillis() - first.fromMillis() < millis);
            out.add(new Throughput(t.epoch(), t.batch(), t.batchesPerEpoch(),
                    samples / Math.max(1, t.toMillis() - first.fromMillis()) * 1000, first.fromMillis(),
                    t.toMillis()));
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double meanAfterFirst(List<Double> values) {
        List<Double> rest = values.size() > 1 ? values.subList(1, values.size()) : values;
        return rest.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }

    /**
     * A signed-up user of the benchmark's server ({@link ApiUser}) launching and following the platform run, and the
     * standalone worker training the server's runs, checked while a run is awaited (null: the in-process worker).
     */
    private record Api(ApiUser user, StandaloneWorker worker) {

        String launch(Design design, int samples, TrainingSettings settings) throws Exception {
            String ws = user.call("POST", "/api/workspaces", Map.of("name", "bench"), 201).get("id").asString();
            String project = user.call("POST", "/api/workspaces/" + ws + "/projects", Map.of("name", "bench"), 201)
                    .get("id").asString();
            String designId = user.call("POST", "/api/projects/" + project + "/designs", Map.of("name", "bench-cnn",
                    "design", JSON.readTree(new DesignJson().write(design))), 201).get("designId").asString();
            return user.call("POST", "/api/projects/" + project + "/runs", Map.of("designId", designId,
                    "dataset", Map.of("builtin", "fashion-mnist", "limit", samples),
                    "config", settings.toMap()), 201).get("id").asString();
        }

        /** Reads the run's event stream to its end, as the run page does. */
        void follow(String run, AtomicInteger events) {
            try {
                HttpRequest request = user.request("/api/runs/" + run + "/events")
                        .header("Accept", "text/event-stream").build();
                HttpResponse<java.io.InputStream> response = user.send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("data:")) {
                            events.incrementAndGet();
                        }
                    }
                }
            } catch (Exception e) {
                System.out.println("event stream ended: " + e);
            }
        }

        /** A worker token for the default queue (this user must be the server's administrator); its secret. */
        static String workerToken(ApiUser user) throws Exception {
            return user.call("POST", "/api/admin/worker-tokens", Map.of("name", "bench"), 201).get("secret")
                    .asString();
        }

        RunStatus awaitEnd(String run, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            RunStatus status;
            do {
                Thread.sleep(500);
                if (worker != null) {
                    worker.checkAlive();
                }
                status = RunStatus.valueOf(user.call("GET", "/api/runs/" + run, null, 200).get("status").asString());
            } while (!status.isFinal() && System.nanoTime() < deadline);
            return status;
        }

        List<Double> epochSeconds(String run) throws Exception {
            List<Double> out = new ArrayList<>();
            for (JsonNode p : points(run, "epoch")) {
                JsonNode t = p.get("payload").get("epochTime");
                out.add(t.isNumber() ? t.asDouble() : Duration.parse(t.asString()).toNanos() / 1e9);
            }
            return out;
        }

        /**
         * The run's batch points; each one's window runs from the previous point's storing time to its own (points
         * are stored a few milliseconds after their batch, off the training thread).
         */
        List<Throughput> batchThroughput(String run) throws Exception {
            List<Throughput> out = new ArrayList<>();
            long previous = -1;
            for (JsonNode p : points(run, "batch")) {
                JsonNode m = p.get("payload");
                JsonNode stored = p.get("at");
                long at = stored.isNumber() ? Math.round(stored.asDouble() * 1000)
                        : java.time.OffsetDateTime.parse(stored.asString()).toInstant().toEpochMilli();
                out.add(new Throughput(m.get("epoch").asInt(), m.get("batch").asInt(), m.get("batchesPerEpoch").asInt(),
                        m.get("samplesPerSecond").asDouble(), previous < 0 ? at : previous, at));
                previous = at;
            }
            return out;
        }

        private List<JsonNode> points(String run, String kind) throws Exception {
            List<JsonNode> out = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = user.call("GET", "/api/runs/" + run + "/metrics?kind=" + kind + "&limit=500&after="
                        + after, null, 200);
                page.get("points").forEach(out::add);
                if (page.get("nextAfter") == null || page.get("nextAfter").isNull()) {
                    return out;
                }
                after = page.get("nextAfter").asLong();
            }
        }
    }
}
