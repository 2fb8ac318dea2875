package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.SequenceFixtures;
import dev.netwright.engine.data.series.ForecastReport;
import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's series, end to end: the forecaster template beats the naive forecast on the last part of the series. */
class SeriesForecastTest {
    @TempDir
    Path dir;

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().loss(LossKind.MSE).optimizer(OptimizerKind.ADAM, 1e-2)
                .epochs(epochs).batchSize(32).seed(3).validationFraction(0.1).build();
    }

    @Test
    void theLstmForecasterBeatsTheNaiveForecastAndSavesItsScaling() throws Exception {
        Path csv = SequenceFixtures.series(dir.resolve("sales.csv"), 480, 12, 1);
        Design design = Templates.find("lstm-forecaster").orElseThrow().design();
        SeriesSettings settings = new SeriesSettings(List.of("sales"), List.of(), null, null, MissingSteps.REPORT, 12);
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Series(csv, settings),
                config(12)), RunListener.NONE, dir.resolve("model"), new CancellationFlag());
        assertThat(outcome.status()).isEqualTo(TrainingStatus.COMPLETED);
        ForecastReport report = outcome.forecast().orElseThrow();
        assertThat(report.samples()).isEqualTo(96 - 6 + 1);
        assertThat(report.rmse()).as("model RMSE vs naive " + report.naiveRmse()).isLessThan(report.naiveRmse());
        assertThat(report.seasonalRmse()).isNotNull();
        // the run's own test evaluation is in the series' units too (the trainer saw scaled values)
        var test = (dev.netwright.engine.train.metrics.RegressionReport) outcome.supervised().orElseThrow().test()
                .orElseThrow();
        assertThat(test.rmse()).isCloseTo(report.rmse(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(java.nio.file.Files.readString(outcome.modelDir().orElseThrow().resolve("README.md")))
                .contains("naive (last value) RMSE");

        Path model = outcome.modelDir().orElseThrow();
        JsonNode forecast = JsonMapper.shared().readTree(model.resolve(Forecasts.FILE).toFile());
        assertThat(forecast.get("chart").get("actual").size()).isEqualTo(96 + 24);
        assertThat(forecast.get("chart").get("forecast").get(0).isNull()).isTrue();
        assertThat(forecast.get("chart").get("forecast").get(24).asDouble()).isGreaterThan(50);
        try (TrainedModel trained = TrainedModel.load(model)) {
            assertThat(trained.manifest().series().window()).isEqualTo(24);
            assertThat(trained.manifest().series().horizon()).isEqualTo(6);
            // the saved model answers in the series' units and scores the whole file the same way
            ForecastReport all = Forecasts.evaluate(trained, csv, MissingSteps.REPORT);
            assertThat(all.samples()).isEqualTo(480 - 24 - 6 + 1);
            assertThat(all.rmse()).isLessThan(all.naiveRmse());
        }
    }

    @Test
    void aWindowThatDisagreesWithTheDesignNamesBoth() throws Exception {
        Path csv = SequenceFixtures.series(dir.resolve("sales.csv"), 100, 12, 2);
        Design design = Templates.find("lstm-forecaster").orElseThrow().design();
        SeriesSettings settings = new SeriesSettings(List.of("sales"), List.of(), 12, null, MissingSteps.REPORT, 0);
        assertThatThrownBy(() -> new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Series(csv,
                settings), config(1)), RunListener.NONE, dir.resolve("m"), new CancellationFlag()))
                .hasMessageContaining("the window is 12 steps, but the design's Input takes 24");
        SeriesSettings twoInputs = new SeriesSettings(List.of("sales"), List.of("temperature"), null, null,
                MissingSteps.REPORT, 0);
        assertThatThrownBy(() -> new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Series(csv,
                twoInputs), config(1)), RunListener.NONE, dir.resolve("m"), new CancellationFlag()))
                .hasMessageContaining("should be [window, 2]");
    }
}
