package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetwrightCliTest {
    @TempDir
    Path dir;

    @Test
    void summaryOfTheSeedMlpEndsWithItsParameterCount() {
        CliRun r = CliRun.of("summary", Path.of("..", "docs", "examples", "mlp-784-16-16-10.json").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("hidden1 (Dense)").contains("[16]").contains("12,560")
                .contains("Total params: 13,002");
    }

    @Test
    void invalidDesignPrintsEveryProblemAndFails() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"format": "netwright-design/1", "name": "bad",
                 "nodes": [{"id": "in", "type": "Input", "params": {"shape": [1, 28, 28]}},
                           {"id": "d", "type": "Dense", "params": {"units": 0}},
                           {"id": "e", "type": "Dense", "params": {"units": 4}}],
                 "edges": [{"from": "in", "to": "d"}, {"from": "d", "to": "e"}, {"from": "e", "to": "d"}]}
                """);
        CliRun r = CliRun.of("summary", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("node 'd', parameter 'units'").contains("cycle").contains("fix:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void formatErrorsNameThePath() throws Exception {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, """
                {"format": "netwright-design/1", "name": "t", "nodes": [{"id": "a", "type": "Dens"}]}
                """);
        CliRun r = CliRun.of("summary", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("$.nodes[0].type").contains("unknown layer type 'Dens'");
        assertThat(CliRun.of("summary", dir.resolve("missing.json").toString()).err()).contains("no such file");
    }

    @Test
    void templatesAreListedAndWritten() throws Exception {
        assertThat(CliRun.of("templates").out()).contains("lenet-cnn").contains("dcgan-28");
        CliRun w = CliRun.of("templates", "--out", dir.toString());
        assertThat(w.exit()).isZero();
        assertThat(dir.resolve("transformer-classifier.json")).exists();
        assertThat(CliRun.of("summary", dir.resolve("lenet-cnn.json").toString()).out()).contains("Total params: 61,706");
        assertThat(CliRun.of("templates", "nope").exit()).isEqualTo(2);
    }

    @Test
    void layersAndSchemaCommands() {
        assertThat(CliRun.of("layers").out()).contains("Conv2D").contains("kernelSize");
        assertThat(CliRun.of("schema").out()).contains("\"netwright-design/1\"");
    }
}
