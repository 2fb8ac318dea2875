package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.run.RunService;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The launch form's values become the service request, and that request becomes the engine's configuration (every
 * settings field's mapping is tested with the record, in the engine's TrainingSettingsTest).
 */
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
    void anUploadedTableSendsItsColumnAndTask() {
        UUID upload = UUID.randomUUID();
        TrainingSettings settings = TrainingSettings.of(Map.of("epochs", 7, "loss", "huber", "devices", " gpu0 "));
        RunService.CreateRun run = new LaunchOptions(null, upload, " price ", true, 0, settings).toCreateRun(DESIGN, 1);
        assertThat(run.dataset().datasetId()).isEqualTo(upload.toString());
        assertThat(run.dataset().targetColumn()).isEqualTo("price");
        assertThat(run.dataset().regressionTask()).isTrue();
        TrainingConfig c = run.config().toConfig(true);
        assertThat(c.epochs()).isEqualTo(7);
        assertThat(c.loss()).isEqualTo(LossKind.HUBER);
        assertThat(c.devices()).containsExactly("gpu0");
    }

    @Test
    void aLimitOnlyAppliesToBuiltInDataAndANegativeOneIsSentToBeRefused() {
        RunService.CreateRun run = new LaunchOptions("fashion-mnist", null, null, false, 2000,
                TrainingSettings.DEFAULTS).toCreateRun(DESIGN, 2);
        assertThat(run.dataset().limit()).isEqualTo(2000);
        // issue 20: -3 used to be dropped silently and train on everything; the service now refuses it
        assertThat(new LaunchOptions("iris", null, null, false, -3, TrainingSettings.DEFAULTS)
                .toCreateRun(DESIGN, 2).dataset().limit()).isEqualTo(-3);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epochs", 0))).hasMessageContaining("epochs");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("l1", -1))).hasMessageContaining("'l1'");
        assertThatThrownBy(() -> LaunchOptions.defaults("iris").toCreateRun(DESIGN, 1).config().toConfig(false)
                .toBuilder().batchSize(0).build()).hasMessageContaining("batch size");
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
