package dev.netwright.tests.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone training worker started the way an operator starts one, {@code ./netwright worker --server URL}
 * with the token in {@code NETWRIGHT_WORKER_TOKEN}: its own JVM, talking to the server over HTTP only. Its output
 * goes to a log file, shown when it ends early. Closing it stops the process.
 */
final class StandaloneWorker implements AutoCloseable {
    private final Process process;
    private final Path log;

    private StandaloneWorker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a worker for the server at {@code base} with {@code threads} engine threads, logging to {@code log}. */
    static StandaloneWorker start(String base, String token, int threads, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("./netwright", "worker", "--server", base, "--name", "bench",
                "--threads", Integer.toString(threads));
        pb.environment().put("NETWRIGHT_WORKER_TOKEN", token);
        // the benchmark JVM's own options (the app server's) are not the worker's: it runs as the launcher runs it
        pb.environment().remove("NETWRIGHT_JAVA_OPTS");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new StandaloneWorker(pb.start(), log);
    }

    /** Fails with the worker's last lines when it has ended. */
    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("the standalone worker ended (exit " + process.exitValue() + "): "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    /** CPU time the worker's process has used so far (user and system), in nanoseconds. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
