package dev.netwright.engine.run;

import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.train.GanListener;
import dev.netwright.engine.train.metrics.TrainingListener;

/** Everything a run reports: training progress (supervised or GAN), data preparation and the baseline. */
public interface RunListener extends TrainingListener, GanListener {
    RunListener NONE = new RunListener() {
    };

    /** Data loaded, split and normalised. */
    default void onPrepared(PreparedData data) {
    }

    /**
     * A GAN epoch's generated samples drawn as a PNG (image grid or 2-D scatter), after it was written to the run's
     * {@code samples/} folder; workers upload it so the run page can show it while the run goes.
     */
    default void onSamplePicture(int epoch, byte[] png) {
    }

    /** A linear model's score on the same test split, for comparison. */
    default void onBaseline(BaselineResult baseline) {
    }

    @Override
    default void onMessage(String message) {
    }
}
