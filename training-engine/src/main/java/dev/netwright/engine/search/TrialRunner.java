package dev.netwright.engine.search;

import dev.netwright.designer.model.Design;
import dev.netwright.engine.train.config.TrainingConfig;
import java.util.OptionalDouble;

/** Runs one trial (locally, or as a queued run on the platform) and reports its intermediate values. */
public interface TrialRunner {

    /** Receives each step's value; answers true when the trial must stop (pruned). */
    @FunctionalInterface
    interface Reporter {
        boolean report(int step, double value);
    }

    /**
     * How a trial ended.
     *
     * @param state           completed, pruned or failed
     * @param objective       the objective (best value over the steps it ran)
     * @param secondObjective e.g. the parameter count
     * @param steps           steps (epochs) it ran
     * @param failure         why it failed
     */
    record Result(Trial.State state, OptionalDouble objective, OptionalDouble secondObjective, int steps,
                  String failure) {
    }

    Result run(int number, Design design, TrainingConfig config, Reporter reporter);
}
