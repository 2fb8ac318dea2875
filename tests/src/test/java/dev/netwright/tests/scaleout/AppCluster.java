package dev.netwright.tests.scaleout;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several app instances on one machine, as on a cluster: a PostgreSQL server of its own (the instances' external
 * database), app processes on it sharing one {@link SharedStorage}, and standalone worker processes. Every process
 * writes its log to {@code <dir>/<name>.log}; a {@link #waitFor} that times out shows the tail of each. Closing stops
 * every process (SIGKILL: they are test instances) and then the database.
 *
 * <p>App processes run the test JVM's own class path: under surefire (backend alone) {@link AppInstance}, under
 * failsafe (the whole app with the Vaadin UI) {@code NetwrightApplication}.
 */
public final class AppCluster implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();

    /** Where the instances keep datasets, checkpoints and trained models, the same for all of them. */
    public sealed interface SharedStorage {
        /** One data folder for every instance: the local storage backend on one host (or a shared file system). */
        record Folder(Path dir) implements SharedStorage {
        }

        /** An S3 bucket; each instance keeps its cache in a data folder of its own. */
        record S3(String endpoint, String bucket, String prefix, String accessKey, String secretKey)
                implements SharedStorage {
        }
    }

    private AppCluster(Path dir, EmbeddedPostgres postgres) {
        this.dir = dir;
        this.postgres = postgres;
    }

    /** Starts the database; the app processes come with {@link #startApp}. */
    public static AppCluster start(Path dir) throws IOException {
        return new AppCluster(dir, EmbeddedPostgres.builder().start());
    }

    /** The database, as the tests check it. */
    public JdbcClient db() {
        return JdbcClient.create(database());
    }

    /** The database's data source, for a test's own connections (e.g. one that holds a lock). */
    public DataSource database() {
        return postgres.getPostgresDatabase();
    }

    /**
     * Starts an app process on {@code port} (without waiting for it: several start at once, and the schema
     * migrations run once, by whichever takes Flyway's lock first). {@code args} are further Spring arguments.
     */
    public Process startApp(String name, Class<?> main, int port, SharedStorage storage, String... args)
            throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx640m", "-XX:TieredStopAtLevel=1",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), main.getName(),
                "--server.port=" + port, "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        switch (storage) {
            case SharedStorage.Folder f -> cmd.addAll(List.of("--netwright.storage.backend=local",
                    "--netwright.data-dir=" + f.dir()));
            case SharedStorage.S3 s3 -> {
                cmd.addAll(List.of("--netwright.data-dir=" + data, "--netwright.storage.backend=s3",
                        "--netwright.storage.s3.endpoint=" + s3.endpoint(),
                        "--netwright.storage.s3.bucket=" + s3.bucket(),
                        "--netwright.storage.s3.prefix=" + s3.prefix(),
                        "--netwright.storage.s3.access-key=" + s3.accessKey()));
                // the secret as the Kubernetes manifests pass it: an environment variable, not an argument
                pb.environment().put("NETWRIGHT_STORAGE_S3_SECRETKEY", s3.secretKey());
            }
        }
        cmd.addAll(List.of(args));
        pb.command(cmd);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Starts a standalone training worker that pulls runs from the app on {@code port} with a worker token. */
    public Process startWorker(String name, int port, String secret) throws IOException {
        Path scratch = dir.resolve(name);
        Files.createDirectories(scratch);
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx384m", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "dev.netwright.engine.cli.NetwrightCli", "worker",
                "--server", "http://localhost:" + port, "--name", name, "--work-dir", scratch.toString(),
                "--poll", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("NETWRIGHT_WORKER_TOKEN", secret);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Waits (up to 3 minutes) until the app answers its health check; fails with its log if it stopped. */
    public void awaitHealthy(String name, Process p, int port) throws InterruptedException {
        waitFor(name + " healthy (log: " + dir.resolve(name + ".log") + ")", Duration.ofMinutes(3), () -> {
            if (!p.isAlive()) {
                throw new AssertionError(name + " stopped: " + log(name));
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** The last 60 lines of a process's log. */
    public String log(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Waits for a condition, checked every 250 ms; on time-out fails with the tail of every process's log. */
    public void waitFor(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what + logs());
            }
            Thread.sleep(250);
        }
    }

    /** The tail of every process's log, for failure messages. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".log")).sorted().forEach(f -> logs.append("\n--- ")
                    .append(f.getFileName()).append('\n')
                    .append(log(f.getFileName().toString().replace(".log", ""))));
        } catch (IOException e) {
            logs.append(e);
        }
        return logs.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                p.waitFor(20, TimeUnit.SECONDS);
            }
        } finally {
            postgres.close();
        }
    }
}
