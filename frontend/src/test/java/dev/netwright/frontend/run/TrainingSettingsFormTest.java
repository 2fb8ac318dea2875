package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.textfield.IntegerField;
import dev.netwright.engine.api.InvalidSettingException;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.data.prep.ImagePreprocessing;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.LossKind;
import org.junit.jupiter.api.Test;

/** The launch dialog's settings fields hold the record: defaults in, checked settings out, refusals per field. */
class TrainingSettingsFormTest {

    @Test
    void theFieldsStartWithTheRecordsDefaultsAndReadThemBack() {
        TrainingSettingsForm form = new TrainingSettingsForm();
        assertThat(form.read()).isEqualTo(TrainingSettings.DEFAULTS);
        assertThat(form.fieldsByName().keySet()).contains("epochs", "batchSize", "learningRate", "devices",
                "validationFraction", "earlyStoppingPatience", "classWeights");
        assertThat(form.batchSize.getHelperText()).isEqualTo("between 1 and 65,536");
    }

    @Test
    void imageNetPreprocessingIsAChoiceOfTheSettings() {
        TrainingSettingsForm form = new TrainingSettingsForm();
        assertThat(form.imagePreprocessing.getValue()).isEqualTo(ImagePreprocessing.NONE);
        form.imagePreprocessing.setValue(ImagePreprocessing.IMAGENET);
        assertThat(form.read().imagePreprocessing()).isEqualTo(ImagePreprocessing.IMAGENET);
        assertThat(form.read().toMap()).containsEntry("imagePreprocessing", "imagenet");
    }

    @Test
    void anAbsurdValueIsRefusedWithAMessageForItsField() {
        TrainingSettingsForm form = new TrainingSettingsForm();
        form.batchSize.setValue(1_000_000_000);
        assertThatThrownBy(form::read).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.field()).isEqualTo("batchSize");
            assertThat(form.messageFor(e)).isEqualTo("The batch size must be between 1 and 65,536, got 1,000,000,000");
        });
        form.batchSize.setValue(64);
        form.epochs.setValue(100_000);
        assertThatThrownBy(form::read).hasMessage("'epochs' must be between 1 and 10,000, got 100,000");
    }

    @Test
    void classWeightsForARegressionLossAreRefusedForTheirField() {
        TrainingSettingsForm form = new TrainingSettingsForm();
        form.classWeights.setValue(ClassWeighting.BALANCED);
        assertThat(form.read().classWeights()).isEqualTo(ClassWeighting.BALANCED);
        form.loss.setValue(LossKind.MSE);
        assertThatThrownBy(form::read).isInstanceOfSatisfying(InvalidSettingException.class, e -> {
            assertThat(e.field()).isEqualTo("classWeights");
            assertThat(form.messageFor(e)).startsWith("The class weights are for classification only: balanced "
                    + "weighs classes, but the loss is mse");
        });
    }

    @Test
    void anEmptyNumberFieldIsNamed() {
        TrainingSettingsForm form = new TrainingSettingsForm();
        form.epochs.clear();
        assertThatThrownBy(form::read).isInstanceOfSatisfying(TrainingSettingsForm.MissingValue.class,
                e -> assertThat(e.field).isSameAs((IntegerField) form.epochs));
    }
}
