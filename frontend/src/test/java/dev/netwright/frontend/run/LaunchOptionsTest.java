package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.run.RunService;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The launch form's values become the service request, and that request becomes the engine's configuration. */
class LaunchOptionsTest {
    private static final UUID DESIGN = UUID.randomUUID();

    @Test
    void defaultsMapToTheEngineDefaultsForTheDatasetKind() {
        RunService.CreateRun run = LaunchOptions.defaults("iris").toCreateRun(DESIGN, 3);
        assertThat(run.designId()).isEqualTo(DESIGN);
        assertThat(run.version()).isEqualTo(3);
        assertThat(run.dataset().builtin()).isEqualTo("iris");
        assertThat(run.dataset().limit()).isNull();
        assertThat(run.dataset().datasetId()).isNull();
        assertThat(run.config().loss()).isNull(); // "auto": the engine picks by task
        TrainingConfig classes = run.config().toConfig(false);
        assertThat(classes.loss()).isEqualTo(LossKind.SOFTMAX_CROSS_ENTROPY);
        assertThat(classes.epochs()).isEqualTo(10);
        assertThat(classes.batchSize()).isEqualTo(32);
        assertThat(classes.optimizer().kind()).isEqualTo(OptimizerKind.ADAM);
        assertThat(classes.optimizer().learningRate()).isEqualTo(1e-3);
        assertThat(classes.schedule().kind()).isEqualTo(ScheduleKind.CONSTANT);
        assertThat(classes.earlyStopping().enabled()).isFalse();
        assertThat(classes.clipping()).isEqualTo(GradientClipping.NONE);
        assertThat(run.config().toConfig(true).loss()).isEqualTo(LossKind.MSE);
    }

    @Test
    void everyFieldReachesTheEngineConfiguration() {
        UUID upload = UUID.randomUUID();
        LaunchOptions o = new LaunchOptions(null, upload, " price ", true, 0, 7, 64, "sgd", 0.05, 1e-4, "huber",
                "step", 3, 0.25, 1.5, 1e-5, 2e-4, 1.0, 0, 4, "val-mae", 0.01, 7, 0.2, true, 2, 0.1, " gpu0 ");
        RunService.CreateRun run = o.toCreateRun(DESIGN, 1);
        assertThat(run.dataset().datasetId()).isEqualTo(upload.toString());
        assertThat(run.dataset().targetColumn()).isEqualTo("price");
        assertThat(run.dataset().regressionTask()).isTrue();
        TrainingConfig c = run.config().toConfig(true);
        assertThat(c.epochs()).isEqualTo(7);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.optimizer().kind()).isEqualTo(OptimizerKind.SGD);
        assertThat(c.optimizer().learningRate()).isEqualTo(0.05);
        assertThat(c.loss()).isEqualTo(LossKind.HUBER);
        assertThat(c.schedule().kind()).isEqualTo(ScheduleKind.STEP_DECAY);
        assertThat(c.schedule().stepEpochs()).isEqualTo(3);
        assertThat(c.schedule().gamma()).isEqualTo(0.25);
        assertThat(c.schedule().warmupEpochs()).isEqualTo(1.5);
        assertThat(c.regularization().l1()).isEqualTo(1e-5);
        assertThat(c.regularization().l2()).isEqualTo(2e-4);
        assertThat(c.clipping()).isEqualTo(GradientClipping.byNorm(1.0));
        assertThat(c.earlyStopping().enabled()).isTrue();
        assertThat(c.earlyStopping().metric()).isEqualTo(MonitoredMetric.VAL_MAE);
        assertThat(c.earlyStopping().patience()).isEqualTo(4);
        assertThat(c.earlyStopping().minDelta()).isEqualTo(0.01);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.validationFraction()).isEqualTo(0.2);
        assertThat(c.augmentation().horizontalFlip()).isTrue();
        assertThat(c.augmentation().maxShift()).isEqualTo(2);
        assertThat(c.augmentation().noiseStd()).isEqualTo(0.1f);
        assertThat(c.devices()).containsExactly("gpu0");
    }

    @Test
    void aLimitOnlyAppliesToBuiltInDataAndEarlyStoppingOffSendsNoMonitor() {
        LaunchOptions o = new LaunchOptions("fashion-mnist", null, null, false, 2000, 2, 32, "adam", 1e-3, 0, "auto",
                "cosine", 5, 0.5, 0, 0, 0, 0, 0.5, 0, "val-accuracy", 0, 42, 0.1, false, 0, 0, "");
        RunService.CreateRun run = o.toCreateRun(DESIGN, 2);
        assertThat(run.dataset().limit()).isEqualTo(2000);
        assertThat(run.config().monitor()).isNull();
        TrainingConfig c = run.config().toConfig(false);
        assertThat(c.schedule().kind()).isEqualTo(ScheduleKind.COSINE);
        assertThat(c.clipping()).isEqualTo(GradientClipping.byValue(0.5));
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        LaunchOptions base = LaunchOptions.defaults("iris");
        assertThatThrownBy(() -> new LaunchOptions("iris", null, null, false, 0, 0, 32, "adam", 1e-3, 0, "auto",
                "constant", 5, 0.5, 0, 0, 0, 0, 0, 0, "val-loss", 0, 42, 0.1, false, 0, 0, "").toCreateRun(DESIGN, 1)
                .config().toConfig(false)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> new LaunchOptions("iris", null, null, false, 0, 5, 32, "adam", 1e-3, 0, "auto",
                "constant", 5, 0.5, 0, -1, 0, 0, 0, 0, "val-loss", 0, 42, 0.1, false, 0, 0, "").toCreateRun(DESIGN, 1)
                .config().toConfig(false)).hasMessageContaining("'l1'");
        assertThatThrownBy(() -> new LaunchOptions("iris", null, null, false, 0, 5, 32, "adam", 1e-3, 0, "auto",
                "step", 5, 1.5, 0, 0, 0, 0, 0, 0, "val-loss", 0, 42, 0.1, false, 0, 0, "").toCreateRun(DESIGN, 1)
                .config().toConfig(false)).hasMessageContaining("'gamma'");
        assertThatThrownBy(() -> new LaunchOptions("iris", null, null, false, 0, 5, 32, "adam", 1e-3, 0, "auto",
                "constant", 5, 0.5, 0, 0, 0, 1, 1, 0, "val-loss", 0, 42, 0.1, false, 0, 0, "").toCreateRun(DESIGN, 1)
                .config().toConfig(false)).hasMessageContaining("'clipNorm'");
        assertThatThrownBy(() -> base.toCreateRun(DESIGN, 1).config().toConfig(false).toBuilder().batchSize(0)
                .build()).hasMessageContaining("batch size");
    }

    @Test
    void engineMessagesInWordsFindTheirField() {
        assertThat(LaunchDialog.FieldNames.fromEngineMessage("'config': batch size must be positive, got 0"))
                .isEqualTo("batchSize");
        assertThat(LaunchDialog.FieldNames.fromEngineMessage("'config': validation fraction must be in [0, 1)"))
                .isEqualTo("validationFraction");
        assertThat(LaunchDialog.FieldNames.fromEngineMessage("something else")).isNull();
        assertThat(LaunchDialog.FieldNames.onField("'config': batch size must be positive, got 0."))
                .isEqualTo("Batch size must be positive, got 0.");
        assertThat(LaunchDialog.FieldNames.onField("'dataset.limit': must be at least 1."))
                .isEqualTo("Must be at least 1.");
        assertThat(LaunchDialog.FieldNames.onField("Epochs must be at least 1.")).isEqualTo("Epochs must be at least 1.");
    }
}
