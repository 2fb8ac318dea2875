package dev.netwright.engine.search;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One trial of a sweep as the samplers and pruners see it.
 *
 * @param number        0-based trial number
 * @param params        the hyperparameter values it ran with
 * @param state         where it stands
 * @param objective     final objective value (completed trials)
 * @param intermediate  reported values by step (e.g. validation loss per epoch), index = step - 1
 */
public record Trial(int number, Map<String, Object> params, State state, OptionalDouble objective,
                    List<Double> intermediate) {

    public enum State { RUNNING, COMPLETED, PRUNED, FAILED }

    public Trial {
        params = Map.copyOf(params);
        intermediate = List.copyOf(intermediate);
    }

    /** The value reported at a 1-based step, if any. */
    OptionalDouble at(int step) {
        return step >= 1 && step <= intermediate.size() ? OptionalDouble.of(intermediate.get(step - 1))
                : OptionalDouble.empty();
    }
}
