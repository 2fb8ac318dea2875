package dev.netwright.engine.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep: what to vary, how to choose trials, what to optimise, and the budget.
 *
 * @param space          hyperparameters: training options by name ({@code learningRate}) and layer parameters as
 *                       {@code nodeId.param} ({@code hidden1.units})
 * @param method         grid, random or tpe
 * @param objective      metric to optimise: {@code val_accuracy}, {@code val_loss}, {@code train_loss},
 *                       {@code test_accuracy}, {@code val_mae}, {@code val_rmse}
 * @param direction      minimise or maximise the objective
 * @param secondObjective optional second objective for a Pareto front: {@code parameters} (count, minimised)
 * @param pruner         none, median or asha
 * @param maxTrials      at most this many trials
 * @param maxMinutes     stop proposing trials after this long (0: no limit)
 * @param seed           seeds the sampler (and every trial's training)
 * @param gridPoints     points per continuous range for grid search
 */
public record SweepSpec(SearchSpace space, String method, String objective, Direction direction,
                        Optional<String> secondObjective, String pruner, int maxTrials, double maxMinutes, long seed,
                        int gridPoints) {
    public SweepSpec {
        Objects.requireNonNull(space, "space");
        if (!List.of("grid", "random", "tpe").contains(method)) {
            throw new IllegalArgumentException("method must be grid, random or tpe, got '" + method + "'");
        }
        if (!List.of("none", "median", "asha").contains(pruner)) {
            throw new IllegalArgumentException("pruner must be none, median or asha, got '" + pruner + "'");
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("maxTrials must be at least 1, got " + maxTrials);
        }
        secondObjective = secondObjective == null ? Optional.empty() : secondObjective;
    }

    /**
     * Reads the JSON form: {@code {"method": "tpe", "objective": "val_accuracy", "direction": "maximize",
     * "pruner": "asha", "maxTrials": 20, "maxMinutes": 30, "seed": 1, "parameters": {"learningRate":
     * {"logUniform": [1e-4, 0.1]}, "hidden1.units": {"choice": [64, 128]}, "epochs": {"int": [2, 8]},
     * "dropout.rate": {"uniform": [0.1, 0.5]}}}}.
     */
    @SuppressWarnings("unchecked")
    public static SweepSpec fromMap(Map<String, Object> json) {
        Object raw = json.get("parameters");
        if (!(raw instanceof Map<?, ?> params) || params.isEmpty()) {
            throw new IllegalArgumentException("'parameters' must be an object naming at least one hyperparameter");
        }
        Map<String, Domain> space = new LinkedHashMap<>();
        ((Map<String, Object>) params).forEach((name, range) -> space.put(name, domain(name, range)));
        String objective = (String) json.getOrDefault("objective", "val_loss");
        String defaultDirection = objective.contains("accuracy") ? "maximize" : "minimize";
        String direction = ((String) json.getOrDefault("direction", defaultDirection)).toLowerCase(java.util.Locale.ROOT);
        if (!direction.equals("maximize") && !direction.equals("minimize")) {
            throw new IllegalArgumentException("direction must be maximize or minimize, got '" + direction + "'");
        }
        return new SweepSpec(new SearchSpace(space), (String) json.getOrDefault("method", "tpe"), objective,
                direction.equals("maximize") ? Direction.MAXIMIZE : Direction.MINIMIZE,
                Optional.ofNullable((String) json.get("secondObjective")),
                (String) json.getOrDefault("pruner", "none"), number(json, "maxTrials", 20).intValue(),
                number(json, "maxMinutes", 0).doubleValue(), number(json, "seed", 1).longValue(),
                number(json, "gridPoints", 3).intValue());
    }

    private static Number number(Map<String, Object> json, String key, Number fallback) {
        Object v = json.getOrDefault(key, fallback);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
        }
        return n;
    }

    private static Domain domain(String name, Object range) {
        if (!(range instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("parameter '" + name + "': give exactly one of choice, int, "
                    + "logInt, uniform, logUniform");
        }
        var e = m.entrySet().iterator().next();
        String kind = (String) e.getKey();
        if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + kind + "' needs a list");
        }
        try {
            return switch (kind) {
                case "choice" -> new Domain.Categorical(List.copyOf(values));
                case "int", "logInt" -> new Domain.IntRange(((Number) values.get(0)).intValue(),
                        ((Number) values.get(1)).intValue(), kind.equals("logInt"));
                case "uniform", "logUniform" -> new Domain.RealRange(((Number) values.get(0)).doubleValue(),
                        ((Number) values.get(1)).doubleValue(), kind.equals("logUniform"));
                default -> throw new IllegalArgumentException("unknown range kind '" + kind
                        + "' (use choice, int, logInt, uniform, logUniform)");
            };
        } catch (ClassCastException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + kind + "' needs [low, high] numbers");
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("parameter '" + name + "': " + ex.getMessage());
        }
    }

    public Sampler sampler() {
        return switch (method) {
            case "grid" -> new GridSampler(space, gridPoints);
            case "random" -> new RandomSampler(space, seed);
            default -> new TpeSampler(space, direction, seed);
        };
    }

    public Pruner prunerInstance() {
        return switch (pruner) {
            case "median" -> new MedianPruner(direction, 1, 4);
            case "asha" -> new AshaPruner(direction, 1, 3);
            default -> Pruner.NONE;
        };
    }
}
