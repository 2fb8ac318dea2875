package dev.netwright.tests.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load benchmark of the REST API: starts the platform server (embedded PostgreSQL in a scratch folder, one in-process
 * training worker), prepares a shared workspace with a trained run, then lets N concurrent API clients on loopback
 * save designs, create designs, list runs and read metrics for a fixed time. Prints throughput, p50/p99 latency per
 * operation and the error count; exits with 1 if any request failed.
 *
 * <pre>./netwright bench load [clients=200] [seconds=30] [warmup-seconds=5] [instances=1]</pre>
 * With {@code instances} 2, a second app instance in the same JVM shares the first one's database and the clients
 * alternate between the two (as a load balancer would spread them).
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    /** The backend alone as a Spring Boot app (the bootable app with the UI lives in the frontend module). */
    @SpringBootApplication(scanBasePackages = "dev.netwright.backend")
    static class BackendServer {
    }

    public record Settings(int clients, Duration duration, Duration warmup) {
        public Settings {
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be 1 or more, not " + clients);
            }
        }
    }

    /** Latencies (nanoseconds, sorted) of each operation measured after the warm-up, and what failed. */
    public record Result(Settings settings, int instances, double seconds, Map<String, long[]> latencies, long errors,
                         List<String> errorSamples) {
        public long requests() {
            return latencies.values().stream().mapToLong(a -> a.length).sum();
        }

        public double throughput() {
            return requests() / seconds;
        }

        public String describe() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%d clients on %d app instance%s, %.1f s measured (after %d s warm-up): %,d requests, "
                            + "%.0f requests/s, %d errors%n",
                    settings.clients(), instances, instances == 1 ? "" : "s", seconds, settings.warmup().toSeconds(), requests(), throughput(), errors));
            long[] all = latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
            out.append(line("all", all));
            latencies.forEach((op, l) -> out.append(line(op, l)));
            errorSamples.stream().limit(5).forEach(e -> out.append("  error: ").append(e).append('\n'));
            return out.toString();
        }

        private static String line(String op, long[] sorted) {
            return String.format(Locale.ROOT,
                    "  %-16s %8d req   p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms   max %8.2f ms%n",
                    op, sorted.length, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }

        private static double pct(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
                    / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(args.length > 0 ? Integer.parseInt(args[0]) : 200,
                Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30),
                Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5));
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (instances < 1 || instances > 2) {
            throw new IllegalArgumentException("instances must be 1 or 2, not " + instances);
        }
        Path data = Files.createTempDirectory("netwright-load");
        long t0 = System.nanoTime();
        try (ConfigurableApplicationContext server = startServer(data.resolve("instance-1"))) {
            int port = port(server);
            System.out.printf(Locale.ROOT, "server up on port %d in %.1f s (embedded PostgreSQL in %s)%n", port,
                    (System.nanoTime() - t0) / 1e9, data);
            Result result;
            if (instances == 1) {
                result = run(List.of(port), settings);
            } else {
                try (ConfigurableApplicationContext second = startSecondInstance(server, data.resolve("instance-2"))) {
                    System.out.printf(Locale.ROOT, "second instance up on port %d on the same database%n",
                            port(second));
                    result = run(List.of(port, port(second)), settings);
                }
            }
            System.out.print(result.describe());
            System.out.flush();
            if (result.errors() > 0) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /**
     * A second app instance in this JVM on the first one's (embedded) database, with a data folder of its own and no
     * in-process worker: what a second replica behind a load balancer is, minus the network hop.
     */
    public static ConfigurableApplicationContext startSecondInstance(ConfigurableApplicationContext first,
                                                                     Path dataDir) {
        com.zaxxer.hikari.HikariDataSource db = first.getBean(com.zaxxer.hikari.HikariDataSource.class);
        return new SpringApplication(BackendServer.class).run("--server.port=0",
                "--netwright.data-dir=" + dataDir.toAbsolutePath(), "--spring.datasource.url=" + db.getJdbcUrl(),
                "--spring.datasource.username=" + db.getUsername(), "--spring.datasource.password=" + db.getPassword(),
                "--netwright.jobs.local-workers=0", "--logging.level.root=WARN", "--logging.level.dev.netwright=WARN",
                "--logging.level.netwright=WARN", "--spring.main.banner-mode=off",
                "--spring.datasource.hikari.maximum-pool-size=20");
    }

    /** Starts the backend on a free port with its embedded database in {@code dataDir}, logging only warnings. */
    public static ConfigurableApplicationContext startServer(Path dataDir, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--netwright.data-dir=" + dataDir.toAbsolutePath(), "--netwright.db.clean=true",
                "--netwright.db.durable=false", "--logging.level.root=WARN", "--logging.level.dev.netwright=WARN",
                "--logging.level.netwright=WARN", "--spring.main.banner-mode=off",
                // every client holds a connection while it waits for the database; give the pool some room
                "--spring.datasource.hikari.maximum-pool-size=20"));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplication(BackendServer.class).run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext server) {
        return ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    /** Prepares accounts and data on the server at {@code port}, then runs the clients. */
    public static Result run(int port, Settings settings) throws Exception {
        return run(List.of(port), settings);
    }

    /** The same against several instances of one app (one database): client i talks to instance i mod n. */
    public static Result run(List<Integer> ports, Settings settings) throws Exception {
        LoadScenario scenario = LoadScenario.prepare(ports, Math.max(1, settings.clients() / 10));
        long start = System.nanoTime();
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.duration().toNanos();
        Map<String, ConcurrentLinkedQueue<long[]>> perOp = new TreeMap<>();
        for (String op : LoadScenario.OPERATIONS) {
            perOp.put(op, new ConcurrentLinkedQueue<>());
        }
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(settings.clients());
        for (int i = 0; i < settings.clients(); i++) {
            LoadScenario.Client client = scenario.client(i);
            Thread.ofVirtual().name("load-client-" + i).start(() -> {
                Map<String, LatencyLog> mine = new TreeMap<>();
                try {
                    client.start();
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        LoadScenario.Outcome o = client.next();
                        if (now >= measureFrom) {
                            mine.computeIfAbsent(o.operation(), k -> new LatencyLog()).add(o.nanos());
                            if (o.error() != null) {
                                errors.incrementAndGet();
                                if (samples.size() < 20) {
                                    samples.add(o.operation() + ": " + o.error());
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    samples.add("client " + client.index() + " stopped: " + e);
                } finally {
                    mine.forEach((op, log) -> perOp.get(op).add(log.toArray()));
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = Math.min(System.nanoTime(), end) - measureFrom;
        Map<String, long[]> merged = new TreeMap<>();
        perOp.forEach((op, parts) -> {
            long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            merged.put(op, all);
        });
        return new Result(settings, ports.size(), seconds / 1e9, merged, errors.get(), new ArrayList<>(samples));
    }

    /** A growable array of latencies, one per client so that recording needs no locks. */
    private static final class LatencyLog {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Deletes a benchmark's scratch folder (best effort); the other benchmarks use it too. */
    public static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
