package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobSettingsDevicesTest {
    private static JobSettings withDevices(String devices) {
        return new JobSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, devices);
    }

    @Test
    void noDevicesMeansAutomatic() {
        assertThat(JobSettings.defaults().toConfig(false).devices()).isEmpty();
        assertThat(withDevices(" ").toConfig(false).devices()).isEmpty();
    }

    @Test
    void aCommaSeparatedListBecomesTheDevices() {
        assertThat(withDevices("gpu0, gpu1").toConfig(false).devices()).containsExactly("gpu0", "gpu1");
    }

    @Test
    void aMisspelledDeviceIsRefusedNamingTheField() {
        assertThatThrownBy(() -> withDevices("gpu0,cuda1").toConfig(false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'devices': device 'cuda1' is not cpu, gpu or gpuN (e.g. gpu0, gpu1)");
    }
}
