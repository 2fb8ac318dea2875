package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.engine.api.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainingOptionsDevicesTest {
    private static TrainingOptions parse(String... args) {
        return CommandLine.populateCommand(new TrainingOptions(), args);
    }

    @Test
    void devicesAndGpusFillTheDeviceList() {
        assertThat(parse().toConfig(false).devices()).isEmpty();
        assertThat(parse("--devices", "gpu0,gpu1").toConfig(false).devices()).containsExactly("gpu0", "gpu1");
        assertThat(parse("--gpus", "3").toConfig(false).devices()).containsExactly("gpu0", "gpu1", "gpu2");
    }

    @Test
    void bothOptionsAtOnceAreRefused() {
        assertThatThrownBy(() -> parse("--gpus", "2", "--devices", "gpu0").toConfig(false))
                .hasMessage("give --devices or --gpus, not both");
    }

    @Test
    void everySettingsFieldHasAnOptionOfTheSameName() throws NoSuchFieldException {
        for (String field : TrainingSettings.fieldNames()) {
            assertThat(TrainingOptions.class.getDeclaredField(field).getAnnotation(CommandLine.Option.class))
                    .as("--option for " + field).isNotNull();
        }
    }
}
