package dev.netwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The one settings record: defaults, limits naming the field, the JSON form of the API, the engine's config. */
class TrainingSettingsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void settingFieldsDescribeTheRecordsJsonForm() {
        List<SettingField> fields = SettingField.all();
        assertThat(fields).extracting(SettingField::name).containsExactlyElementsOf(TrainingSettings.fieldNames());
        Map<String, SettingField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        SettingField optimizer = byName.get("optimizer");
        assertThat(optimizer.type()).isEqualTo(SettingField.JsonType.STRING);
        assertThat(optimizer.choices()).contains("adam", "sgd").hasSize(OptimizerKind.values().length);
        assertThat(optimizer.defaultValue()).isEqualTo("adam");
        assertThat(byName.get("loss").defaultValue()).as("chosen by task").isNull();
        assertThat(byName.get("loss").choices()).contains("softmax-cross-entropy");
        SettingField gamma = byName.get("gamma");
        assertThat(gamma.type()).isEqualTo(SettingField.JsonType.NUMBER);
        assertThat(gamma.min()).isEqualTo(0.0);
        assertThat(gamma.max()).isEqualTo(1.0);
        assertThat(gamma.minExclusive()).isTrue();
        assertThat(gamma.maxExclusive()).isTrue();
        assertThat(byName.get("epochs").type()).isEqualTo(SettingField.JsonType.INTEGER);
        assertThat(byName.get("epochs").defaultValue()).isEqualTo(10);
        assertThat(byName.get("seed").min()).as("no limits").isNull();
        assertThat(byName.get("flip").type()).isEqualTo(SettingField.JsonType.BOOLEAN);
        assertThat(byName.get("devices").type()).isEqualTo(SettingField.JsonType.STRING);
        assertThat(byName.get("devices").choices()).isEmpty();
    }

    @Test
    void emptySettingsAreTheDefaultsAndTheLossFollowsTheTask() {
        TrainingSettings s = TrainingSettings.of(Map.of());
        assertThat(s).isEqualTo(TrainingSettings.DEFAULTS);
        TrainingConfig classes = s.toConfig(false);
        assertThat(classes.loss()).isEqualTo(LossKind.SOFTMAX_CROSS_ENTROPY);
        assertThat(classes.epochs()).isEqualTo(10);
        assertThat(classes.batchSize()).isEqualTo(32);
        assertThat(classes.optimizer().kind()).isEqualTo(OptimizerKind.ADAM);
        assertThat(classes.optimizer().learningRate()).isEqualTo(1e-3);
        assertThat(classes.schedule().kind()).isEqualTo(ScheduleKind.CONSTANT);
        assertThat(classes.earlyStopping().enabled()).isFalse();
        assertThat(classes.clipping()).isEqualTo(GradientClipping.NONE);
        assertThat(classes.devices()).isEmpty();
        assertThat(s.toConfig(true).loss()).isEqualTo(LossKind.MSE);
    }

    @Test
    void theOptimizersOwnDefaultsApplyWhenItsFieldsAreLeftOut() {
        TrainingSettings sgd = TrainingSettings.of(Map.of("optimizer", "sgd"));
        assertThat(sgd.learningRate()).isEqualTo(0.01);
        assertThat(TrainingSettings.of(Map.of("optimizer", "AdamW")).weightDecay()).isEqualTo(0.01);
        assertThat(TrainingSettings.of(Map.of("optimizer", "sgd", "learningRate", 0.5)).learningRate()).isEqualTo(0.5);
    }

    @Test
    void everyFieldReachesTheEngineConfiguration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", 7);
        m.put("batchSize", 64);
        m.put("optimizer", "nesterov");
        m.put("learningRate", 0.05);
        m.put("loss", "huber");
        m.put("schedule", "step");
        m.put("stepEpochs", 3);
        m.put("gamma", 0.25);
        m.put("warmupEpochs", 1.5);
        m.put("l1", 1e-5);
        m.put("l2", 2e-4);
        m.put("clipNorm", 1.0);
        m.put("earlyStoppingPatience", 4);
        m.put("monitor", "val-mae");
        m.put("minDelta", 0.01);
        m.put("seed", 7);
        m.put("validationFraction", 0.2);
        m.put("flip", true);
        m.put("shift", 2);
        m.put("noise", 0.1);
        m.put("devices", " gpu0 ");
        m.put("weightInit", "he");
        m.put("discriminatorSteps", 2);
        m.put("labelSmoothing", 0.2);
        TrainingConfig c = TrainingSettings.of(m).toConfig(true);
        assertThat(c.epochs()).isEqualTo(7);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.optimizer().kind()).isEqualTo(OptimizerKind.NESTEROV);
        assertThat(c.optimizer().learningRate()).isEqualTo(0.05);
        assertThat(c.loss()).isEqualTo(LossKind.HUBER);
        assertThat(c.schedule().kind()).isEqualTo(ScheduleKind.STEP_DECAY);
        assertThat(c.schedule().stepEpochs()).isEqualTo(3);
        assertThat(c.schedule().gamma()).isEqualTo(0.25);
        assertThat(c.schedule().warmupEpochs()).isEqualTo(1.5);
        assertThat(c.regularization().l1()).isEqualTo(1e-5);
        assertThat(c.regularization().l2()).isEqualTo(2e-4);
        assertThat(c.clipping()).isEqualTo(GradientClipping.byNorm(1.0));
        assertThat(c.earlyStopping().metric()).isEqualTo(MonitoredMetric.VAL_MAE);
        assertThat(c.earlyStopping().patience()).isEqualTo(4);
        assertThat(c.earlyStopping().minDelta()).isEqualTo(0.01);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.validationFraction()).isEqualTo(0.2);
        assertThat(c.augmentation().horizontalFlip()).isTrue();
        assertThat(c.augmentation().maxShift()).isEqualTo(2);
        assertThat(c.augmentation().noiseStd()).isEqualTo(0.1f);
        assertThat(c.devices()).containsExactly("gpu0");
        assertThat(c.weightInit()).isEqualTo(dev.netwright.engine.train.config.WeightInit.HE);
        assertThat(c.gan().discriminatorSteps()).isEqualTo(2);
        assertThat(c.gan().labelSmoothing()).isEqualTo(0.2);
    }

    @Test
    void eachScheduleBecomesItsEngineSchedule() {
        assertThat(TrainingSettings.of(Map.of("schedule", "cosine")).toConfig(false).schedule().kind())
                .isEqualTo(ScheduleKind.COSINE);
        assertThat(TrainingSettings.of(Map.of("schedule", "exponential")).toConfig(false).schedule().kind())
                .isEqualTo(ScheduleKind.EXPONENTIAL_DECAY);
        assertThat(TrainingSettings.of(Map.of("schedule", "plateau")).toConfig(false).schedule().kind())
                .isEqualTo(ScheduleKind.REDUCE_ON_PLATEAU);
        assertThat(TrainingSettings.of(Map.of("clipValue", 0.5)).toConfig(false).clipping())
                .isEqualTo(GradientClipping.byValue(0.5));
    }

    @Test
    void absurdValuesAreRefusedNamingTheFieldAndItsLimits() {
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("batchSize", 1_000_000_000)))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.field()).isEqualTo("batchSize"))
                .hasMessage("'batchSize' must be between 1 and 65,536, got 1,000,000,000");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epochs", 100_000)))
                .hasMessage("'epochs' must be between 1 and 10,000, got 100,000");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epochs", 0))).hasMessageContaining("'epochs'");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("l1", -1))).hasMessageContaining("'l1'");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("schedule", "step", "gamma", 1.5)))
                .hasMessage("'gamma' must be between 0 and 1 (exclusive), got 1.5");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("clipNorm", 1, "clipValue", 1)))
                .hasMessageContaining("'clipNorm'");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("learningRate", 0)))
                .hasMessage("'learningRate' must be a positive number up to 10, got 0");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("learningRate", Double.NaN)))
                .hasMessageContaining("'learningRate'");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epochs", 99_999_999_999L)))
                .hasMessage("'epochs' must be between 1 and 10,000, got 99,999,999,999");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("epochs", 2.5)))
                .hasMessage("'epochs' must be a whole number, got 2.5");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("optimizer", "telepathy")))
                .hasMessageStartingWith("'optimizer' has an unknown value 'telepathy' (sgd, momentum");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("devices", "gpu0,cuda1")))
                .hasMessage("'devices' is wrong: device 'cuda1' is not cpu, gpu or gpuN (e.g. gpu0, gpu1)");
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("dropoutRate", 0.1)))
                .hasMessageContaining("no training option 'dropoutRate'");
    }

    @Test
    void everyNumericFieldHasLimitsThatTheRecordChecks() {
        for (RecordComponent c : TrainingSettings.class.getRecordComponents()) {
            boolean numeric = c.getType() == int.class || c.getType() == double.class;
            if (!numeric || c.getName().equals("seed")) {
                continue;
            }
            Limit limit = c.getAnnotation(Limit.class);
            assertThat(limit).as(c.getName() + " has limits").isNotNull();
            double above = limit.max() + 1;
            assertThatThrownBy(() -> TrainingSettings.DEFAULTS.with(c.getName(), above)).as(c.getName())
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.field()).isEqualTo(c.getName()));
            assertThat(TrainingSettings.DEFAULTS.with(c.getName(), limit.maxExclusive() ? limit.min()
                    + (limit.max() - limit.min()) / 2 : limit.max()).toMap()).containsKey(c.getName());
        }
    }

    @Test
    void theMonitoredMetricMustSuitTheLoss() {
        TrainingSettings accuracy = TrainingSettings.of(Map.of("earlyStoppingPatience", 2, "monitor", "val-accuracy"));
        assertThat(accuracy.toConfig(false).earlyStopping().metric()).isEqualTo(MonitoredMetric.VAL_ACCURACY);
        assertThatThrownBy(() -> accuracy.toConfig(true))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.field()).isEqualTo("monitor"));
        assertThatThrownBy(() -> TrainingSettings.of(Map.of("loss", "mse", "earlyStoppingPatience", 2,
                "monitor", "val-accuracy"))).hasMessageContaining("'monitor'");
    }

    @Test
    void theJsonFormKeepsTheApisNamesAndLowerCaseIds() {
        TrainingSettings s = JSON.readValue("""
                {"epochs": 3, "optimizer": "ADAM", "loss": null, "schedule": "Cosine", "monitor": "val_loss",
                 "devices": "gpu0,gpu1", "flip": true}""", TrainingSettings.class);
        assertThat(s.epochs()).isEqualTo(3);
        assertThat(s.schedule()).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(s.devices()).containsExactly("gpu0", "gpu1");
        Map<?, ?> back = JSON.readValue(JSON.writeValueAsString(s), Map.class);
        assertThat(back.get("optimizer")).isEqualTo("adam");
        assertThat(back.get("schedule")).isEqualTo("cosine");
        assertThat(back.get("monitor")).isEqualTo("val-loss");
        assertThat(back.get("devices")).isEqualTo("gpu0,gpu1");
        assertThat(back.get("loss")).isNull();
        assertThat(back.get("flip")).isEqualTo(true);
        assertThat(back.keySet().stream().map(String::valueOf).toList()).containsAll(List.of("epochs", "batchSize",
                "learningRate", "weightDecay", "seed",
                "validationFraction", "earlyStoppingPatience", "stepEpochs", "gamma", "warmupEpochs", "l1", "l2",
                "clipNorm", "clipValue", "minDelta", "shift", "noise"));
        assertThat(JSON.readValue(JSON.writeValueAsString(s), TrainingSettings.class)).isEqualTo(s);
        assertThat(TrainingSettings.of(Map.of("loss", "auto")).loss()).isNull();
        assertThat(TrainingSettings.DEFAULTS.with("loss", "softmax-cross-entropy").toMap().get("loss"))
                .isEqualTo("softmax-cross-entropy");
    }

    @Test
    void noDevicesMeansAutomaticAndACommaSeparatedListBecomesTheDevices() {
        assertThat(TrainingSettings.DEFAULTS.toConfig(false).devices()).isEmpty();
        assertThat(TrainingSettings.of(Map.of("devices", " ")).toConfig(false).devices()).isEmpty();
        assertThat(TrainingSettings.of(Map.of("devices", "gpu0, gpu1")).toConfig(false).devices())
                .containsExactly("gpu0", "gpu1");
    }
}
