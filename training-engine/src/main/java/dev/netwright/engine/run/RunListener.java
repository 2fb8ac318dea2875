package dev.netwright.engine.run;

import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.train.gan.GanListener;
import dev.netwright.engine.train.metrics.TrainingListener;

/** Everything a run reports: training progress (supervised or GAN), data preparation and the baseline. */
public interface RunListener extends TrainingListener, GanListener {
    RunListener NONE = new RunListener() {
    };

    /** Data loaded, split and normalised. */
    default void onPrepared(PreparedData data) {
    }

    /** A linear model's score on the same test split, for comparison. */
    default void onBaseline(BaselineResult baseline) {
    }

    @Override
    default void onMessage(String message) {
    }
}
