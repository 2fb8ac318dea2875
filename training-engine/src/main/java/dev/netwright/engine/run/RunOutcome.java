package dev.netwright.engine.run;

import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.train.GanResult;
import dev.netwright.engine.train.TrainingResult;
import dev.netwright.engine.train.TrainingStatus;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a run ended.
 *
 * @param status      succeeded, failed, cancelled...
 * @param failure     why it failed, in words
 * @param supervised  the supervised result (history, test evaluation)
 * @param gan         the GAN result
 * @param baseline    the linear baseline on the same test split
 * @param modelDir    the saved model directory (absent when nothing was saved)
 * @param forecast    a forecaster's test errors in the series' units beside the naive baselines
 */
public record RunOutcome(TrainingStatus status, Optional<String> failure, Optional<TrainingResult> supervised,
                         Optional<GanResult> gan, Optional<BaselineResult> baseline, Optional<Path> modelDir,
                         Optional<dev.netwright.engine.data.series.ForecastReport> forecast) {
}
