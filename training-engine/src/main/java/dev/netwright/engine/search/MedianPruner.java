package dev.netwright.engine.search;

import java.util.Arrays;
import java.util.List;

/**
 * The median rule: stop a trial whose value at a step is worse than the median of what the other trials reported at
 * that same step. No decision before {@code warmupSteps} or with fewer than {@code minTrials} to compare with.
 */
final class MedianPruner implements Pruner {
    private final Direction direction;
    private final int warmupSteps;
    private final int minTrials;

    public MedianPruner(Direction direction, int warmupSteps, int minTrials) {
        this.direction = direction;
        this.warmupSteps = warmupSteps;
        this.minTrials = minTrials;
    }

    @Override
    public boolean shouldPrune(Trial trial, int step, List<Trial> others) {
        if (step <= warmupSteps || trial.at(step).isEmpty()) {
            return false;
        }
        double[] values = others.stream().filter(t -> t.number() != trial.number())
                .map(t -> t.at(step)).filter(v -> v.isPresent()).mapToDouble(v -> direction.loss(v.getAsDouble()))
                .sorted().toArray();
        if (values.length < minTrials) {
            return false;
        }
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        return direction.loss(trial.at(step).getAsDouble()) > median;
    }

    @Override
    public String toString() {
        return "median(warmup " + warmupSteps + ", min trials " + minTrials + ") " + Arrays.asList(direction);
    }
}
