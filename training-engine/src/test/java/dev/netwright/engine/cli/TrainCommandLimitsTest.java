package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netwright train} refuses what the REST API and the launch dialog refuse, naming the option. */
class TrainCommandLimitsTest {
    @TempDir
    Path dir;

    private CliRun train(String... options) {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"train", "mlp-fashion-mnist", "--dataset", "iris", "--out",
                dir.resolve("model").toString()}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        return CliRun.of(args);
    }

    @Test
    void absurdBatchSizesAndEpochsAreRefusedBeforeAnythingTrains() {
        CliRun batch = train("--batch-size", "1000000000");
        assertThat(batch.exit()).isEqualTo(1);
        assertThat(batch.err()).contains("error: --batch-size must be between 1 and 65,536, got 1,000,000,000");
        assertThat(batch.out()).doesNotContain("training");
        CliRun epochs = train("--epochs", "100000");
        assertThat(epochs.exit()).isEqualTo(1);
        assertThat(epochs.err()).contains("--epochs must be between 1 and 10,000, got 100,000");
        assertThat(train("--optimizer", "telepathy").err()).contains("--optimizer has an unknown value 'telepathy'");
        assertThat(train("--lr", "fast").err()).contains("--lr must be a number, got 'fast'");
        assertThat(train("--class-weights", "heavy").err())
                .contains("--class-weights has an unknown value 'heavy' (none, balanced)");
    }

    @Test
    void aNegativeSampleLimitIsRefused() {
        CliRun r = train("--limit", "-3");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("limit must be 0 (all) or more, got -3");
    }

    @Test
    void theHelpShowsTheRecordsDefaults() {
        String help = NetwrightCli.commandLine().getSubcommands().get("train").getUsageMessage();
        assertThat(help).contains("epochs (default 10)").contains("samples per batch (default 32)")
                .contains("(default adam)");
    }
}
