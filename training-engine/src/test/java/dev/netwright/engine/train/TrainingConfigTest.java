package dev.netwright.engine.train;

import dev.netwright.engine.train.config.EarlyStoppingConfig;
import dev.netwright.engine.train.config.GanConfig;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleConfig;
import dev.netwright.engine.train.config.TrainingConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingConfigTest {

    @Test
    void defaultsAreUsable() {
        TrainingConfig c = TrainingConfig.builder().build();
        assertThat(c.optimizer().kind()).isEqualTo(OptimizerKind.ADAM);
        assertThat(c.optimizer().learningRate()).isEqualTo(0.001);
        assertThat(c.epochs()).isEqualTo(10);
        assertThat(c.toBuilder().epochs(3).build()).isEqualTo(TrainingConfig.builder().epochs(3).build());
    }

    @Test
    void invalidValuesAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> TrainingConfig.builder().optimizer(OptimizerKind.SGD, -1).build())
                .hasMessage("learning rate must be a positive number, got -1.0");
        assertThatThrownBy(() -> TrainingConfig.builder().batchSize(0).build())
                .hasMessage("batch size must be at least 1, got 0");
        assertThatThrownBy(() -> TrainingConfig.builder().validationFraction(1.0).build())
                .hasMessage("validation fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> OptimizerConfig.defaults(OptimizerKind.ADAM).withBetas(0.9, 1.0))
                .hasMessage("beta2 must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> ScheduleConfig.stepDecay(0, 0.5))
                .hasMessage("step size (epochs) must be at least 1, got 0");
        assertThatThrownBy(() -> new GanConfig(1, 0.6, 8, 4))
                .hasMessage("label smoothing must be in [0, 0.5), got 0.6");
        assertThatThrownBy(() -> TrainingConfig.builder().regularization(-0.1, 0).build())
                .hasMessage("L1 factor must be zero or positive, got -0.1");
        assertThatThrownBy(() -> TrainingConfig.builder().optimizer(OptimizerKind.SGD, Double.NaN).build())
                .hasMessageContaining("learning rate");
    }

    @Test
    void monitoredMetricMustSuitTheTask() {
        assertThatThrownBy(() -> TrainingConfig.builder().loss(LossKind.MSE)
                .earlyStopping(EarlyStoppingConfig.on(MonitoredMetric.VAL_ACCURACY, 3, 0)).build())
                .hasMessageContaining("VAL_ACCURACY needs a classification loss");
        assertThatThrownBy(() -> TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .earlyStopping(EarlyStoppingConfig.on(MonitoredMetric.VAL_MAE, 3, 0)).build())
                .hasMessageContaining("VAL_MAE needs a regression loss");
    }
}
