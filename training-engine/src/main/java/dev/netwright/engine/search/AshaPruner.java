package dev.netwright.engine.search;

import java.util.List;

/**
 * Asynchronous successive halving (Li et al. 2018): rungs at steps {@code minSteps * factor^k}. When a trial reaches
 * a rung it goes on only if its value is among the best {@code 1/factor} of all values recorded at that rung so far
 * (at least the single best), otherwise it stops. Decisions never wait for other trials.
 */
public final class AshaPruner implements Pruner {
    private final Direction direction;
    private final int minSteps;
    private final int factor;

    public AshaPruner(Direction direction, int minSteps, int factor) {
        if (minSteps < 1 || factor < 2) {
            throw new IllegalArgumentException("ASHA needs minSteps >= 1 and a reduction factor >= 2");
        }
        this.direction = direction;
        this.minSteps = minSteps;
        this.factor = factor;
    }

    /** Whether {@code step} is a rung. */
    boolean isRung(int step) {
        long r = minSteps;
        while (r < step) {
            r *= factor;
        }
        return r == step;
    }

    @Override
    public boolean shouldPrune(Trial trial, int step, List<Trial> others) {
        if (!isRung(step) || trial.at(step).isEmpty()) {
            return false;
        }
        double mine = direction.loss(trial.at(step).getAsDouble());
        long better = 0;
        long competing = 1;
        for (Trial t : others) {
            if (t.number() == trial.number() || t.at(step).isEmpty()) {
                continue;
            }
            competing++;
            if (direction.loss(t.at(step).getAsDouble()) < mine) {
                better++;
            }
        }
        long promoted = Math.max(1, competing / factor);
        return better >= promoted;
    }
}
