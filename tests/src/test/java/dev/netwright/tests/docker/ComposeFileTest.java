package dev.netwright.tests.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The compose file is valid for Docker Compose and wires PostgreSQL, the app and the workers together. */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("..", "docker", "compose.yaml");

    private static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            try {
                Process p = new ProcessBuilder(concat(candidate, "version")).redirectErrorStream(true).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next form
            }
        }
        return null;
    }

    private static List<String> concat(List<String> head, String... tail) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void composeConfigAcceptsTheFile() throws Exception {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "no docker compose client installed (./netwright test installs docker-compose as root)");
        Process p = new ProcessBuilder(concat(compose, "-f", COMPOSE.toString(), "config"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("jdbc:postgresql://db:5432/netwright").contains("Dockerfile.worker")
                .contains("http://app:8080");
    }

    @Test
    void workersGetTheirTokenFromTheEnvironmentNotTheCommandLine() throws Exception {
        String compose = Files.readString(COMPOSE);
        assertThat(compose).doesNotContain("--token");
        assertThat(compose).contains("NETWRIGHT_WORKER_TOKEN: ${NETWRIGHT_WORKER_TOKEN");
    }

    @Test
    void dockerfilesBuildTheModulesTheyRun() throws Exception {
        assertThat(Files.readString(Path.of("..", "docker", "Dockerfile"))).contains("-pl frontend -am package")
                .contains("netwright-frontend-*-exec.jar");
        assertThat(Files.readString(Path.of("..", "docker", "Dockerfile.worker"))).contains("NetwrightCli\", \"worker\"");
    }
}
