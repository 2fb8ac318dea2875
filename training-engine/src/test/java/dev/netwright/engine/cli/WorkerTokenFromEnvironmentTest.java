package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netwright worker} takes its token from the environment variable NETWRIGHT_WORKER_TOKEN, so containers
 * (docker/compose.yaml, deploy/kubernetes) never put it on a command line. Runs the real command in a child JVM
 * against a stand-in server that records what the worker sends.
 */
class WorkerTokenFromEnvironmentTest {

    private static ProcessBuilder worker(Path workDir, String server) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), NetwrightCli.class.getName(), "worker",
                "--server", server, "--name", "env-test", "--work-dir", workDir.toString(), "--poll", "1"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("NETWRIGHT_WORKER_TOKEN");
        return pb;
    }

    @Test
    void theWorkerSendsTheTokenFromTheEnvironment(@TempDir Path workDir) throws Exception {
        BlockingQueue<String> authorisations = new ArrayBlockingQueue<>(100);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/workers/claim", exchange -> {
            authorisations.offer(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.sendResponseHeaders(204, -1); // the queue is empty
            exchange.close();
        });
        server.start();
        Process p = null;
        try {
            ProcessBuilder pb = worker(workDir, "http://127.0.0.1:" + server.getAddress().getPort());
            pb.environment().put("NETWRIGHT_WORKER_TOKEN", "nww_from_the_environment");
            p = pb.start();
            String first = authorisations.poll(60, TimeUnit.SECONDS);
            assertThat(first).as("the worker claimed within 60 s").isNotNull();
            assertThat(first).isEqualTo("Bearer nww_from_the_environment");
            assertThat(p.info().arguments().orElse(new String[0])).as("nothing secret on the command line")
                    .noneMatch(a -> a.contains("nww_"));
        } finally {
            if (p != null) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            server.stop(0);
        }
    }

    @Test
    void withoutTheVariableOrTheOptionTheWorkerSaysWhatIsMissing(@TempDir Path workDir) throws Exception {
        Process p = worker(workDir, "http://127.0.0.1:9").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("Missing required option: '--token").contains("NETWRIGHT_WORKER_TOKEN");
        try (var files = Files.list(workDir)) {
            assertThat(files).as("nothing started").isEmpty();
        }
    }
}
