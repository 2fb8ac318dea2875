package dev.netwright.engine.train.metrics;

import java.util.OptionalDouble;

/**
 * Loss and the task's headline metrics on one split for one epoch.
 *
 * @param loss     mean loss
 * @param accuracy classification accuracy (empty for regression)
 * @param mae      regression mean absolute error (empty for classification)
 * @param rmse     regression root mean squared error (empty for classification)
 */
public record SplitScores(double loss, OptionalDouble accuracy, OptionalDouble mae, OptionalDouble rmse) {

    public static SplitScores classification(double loss, double accuracy) {
        return new SplitScores(loss, OptionalDouble.of(accuracy), OptionalDouble.empty(), OptionalDouble.empty());
    }

    public static SplitScores regression(double loss, double mae, double rmse) {
        return new SplitScores(loss, OptionalDouble.empty(), OptionalDouble.of(mae), OptionalDouble.of(rmse));
    }
}
