package dev.netwright.backend.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.template.Templates;
import dev.netwright.engine.api.LearningRateSchedule;
import dev.netwright.engine.api.TrainingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialSettingsTest {
    private final dev.netwright.designer.model.Design design = Templates.find("mlp-fashion-mnist")
            .orElseThrow().design();

    @Test
    void anyFieldOfARunsSettingsCanVaryWithItsOwnType() {
        TrialSettings.Applied applied = TrialSettings.apply(design, TrainingSettings.DEFAULTS, false,
                Map.of("l2", 0.01, "epochs", 3, "schedule", "cosine", "flip", true));
        TrainingSettings s = applied.settings();
        assertThat(s.l2()).isEqualTo(0.01);
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(s.schedule()).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(s.flip()).isTrue();
        assertThat(applied.variant()).as("no layer parameter varied").isEmpty();
    }

    @Test
    void valuesThatDoNotFitTheFieldAreRefusedNamingThem() {
        assertThatThrownBy(() -> TrialSettings.apply(design, TrainingSettings.DEFAULTS, false, Map.of("epochs", 2.5)))
                .hasMessageContaining("whole number").hasMessageContaining("2.5");
        assertThatThrownBy(() -> TrialSettings.apply(design, TrainingSettings.DEFAULTS, false, Map.of("l1", -1.0)))
                .hasMessageContaining("l1");
        assertThatThrownBy(() -> TrialSettings.apply(design, TrainingSettings.DEFAULTS, false, Map.of("momentum", 0.9)))
                .hasMessageContaining("no training option 'momentum'");
    }
}
