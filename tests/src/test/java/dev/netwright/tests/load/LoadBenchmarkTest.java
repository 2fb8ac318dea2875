package dev.netwright.tests.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A short run of the load benchmark (20 clients, 5 s) against a real server and database: every request succeeds.
 * The figures themselves come from {@code ./netwright bench load}; this only guards the scenario and the server's
 * correctness under concurrency.
 */
class LoadBenchmarkTest {

    @Test
    void twentyConcurrentClientsGetNoErrors() throws Exception {
        Path data = Files.createTempDirectory("netwright-load-test");
        try (ConfigurableApplicationContext server = LoadBenchmark.startServer(data)) {
            LoadBenchmark.Result result = LoadBenchmark.run(LoadBenchmark.port(server),
                    new LoadBenchmark.Settings(20, Duration.ofSeconds(5), Duration.ofSeconds(1)));
            System.out.print(result.describe());
            assertThat(result.errors()).as(result.describe()).isZero();
            assertThat(result.latencies().get("save-design")).isNotEmpty();
            assertThat(result.latencies().get("list-runs")).isNotEmpty();
            assertThat(result.latencies().get("read-metrics")).isNotEmpty();
            assertThat(result.requests()).isGreaterThan(100);
        } finally {
            LoadBenchmark.delete(data);
        }
    }
}
