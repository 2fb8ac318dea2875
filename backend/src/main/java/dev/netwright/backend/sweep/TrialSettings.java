package dev.netwright.backend.sweep;

import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.search.Domain;
import dev.netwright.engine.search.SearchSpace;
import dev.netwright.engine.search.SweepParameters;
import dev.netwright.engine.worker.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a trial's hyperparameters into what a run carries: training options go into the run's settings, layer
 * parameters ({@code nodeId.param}) into a per-trial variant of the design (through the engine's
 * {@link SweepParameters}, so the platform and the command line vary designs the same way).
 */
final class TrialSettings {
    /** The training options a run's settings carry (every field of {@link JobSettings}) can vary in a sweep. */
    static final List<String> OPTIONS = java.util.Arrays.stream(JobSettings.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    private TrialSettings() {
    }

    /** What one trial trains with; {@code variant} is empty when no layer parameter varies. */
    record Applied(JobSettings settings, Optional<Design> variant) {
    }

    static Applied apply(Design design, JobSettings base, boolean regression, Map<String, Object> params) {
        JobSettings s = base;
        boolean layers = false;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().indexOf('.') < 0) {
                s = with(s, e.getKey(), v);
            } else {
                layers = true;
            }
        }
        s.toConfig(regression); // throws naming the field when a value does not fit
        Optional<Design> variant = Optional.empty();
        if (layers) {
            Map<String, Object> layerParams = new java.util.LinkedHashMap<>(params);
            layerParams.keySet().removeIf(k -> k.indexOf('.') < 0);
            variant = Optional.of(SweepParameters.apply(design, s.toConfig(regression), layerParams).design());
        }
        return new Applied(s, variant);
    }

    /**
     * Checks names and ranges before the sweep starts, so a typo or an impossible value fails at creation rather
     * than in trial 7: every categorical value and both ends of every range are tried on the base settings.
     */
    static void check(SearchSpace space, Design design, JobSettings base, boolean regression) {
        check(space, design, base, regression, (what, applied) -> { });
    }

    /**
     * As {@link #check(SearchSpace, Design, JobSettings, boolean)}, also handing every probe to {@code platform}
     * (with "hyperparameter 'x' value v" and the probe's settings and design) for the platform's caps.
     */
    static void check(SearchSpace space, Design design, JobSettings base, boolean regression,
                      java.util.function.BiConsumer<String, Applied> platform) {
        SweepParameters.check(space, design);
        for (String name : space.names()) {
            if (name.indexOf('.') < 0 && !OPTIONS.contains(name)) {
                throw new IllegalArgumentException("hyperparameter '" + name + "': platform runs can vary "
                        + String.join(", ", OPTIONS) + " and layer parameters (nodeId.parameter)");
            }
            for (Object value : probes(space.parameters().get(name))) {
                Applied applied;
                try {
                    applied = apply(design, base, regression, Map.of(name, value));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("hyperparameter '" + name + "' value " + value + ": "
                            + e.getMessage());
                }
                var errors = applied.variant().map(d -> new DesignAnalyzer().analyze(d).errors()).orElse(List.of());
                if (!errors.isEmpty()) {
                    throw new IllegalArgumentException("hyperparameter '" + name + "' value " + value
                            + " makes the design invalid: " + errors.getFirst().describe());
                }
                platform.accept("hyperparameter '" + name + "' value " + value, applied);
            }
        }
    }

    private static List<Object> probes(Domain domain) {
        List<Object> values = new ArrayList<>();
        switch (domain) {
            case Domain.Categorical c -> values.addAll(c.values());
            case Domain.IntRange r -> {
                values.add(r.low());
                values.add(r.high());
            }
            case Domain.RealRange r -> {
                values.add(r.low());
                values.add(r.high());
            }
        }
        return values;
    }

    /** A copy of {@code s} with one field set, the value converted to the field's type. */
    static JobSettings with(JobSettings s, String name, Object value) {
        var components = JobSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            try {
                values[i] = components[i].getAccessor().invoke(s);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (components[i].getName().equals(name)) {
                values[i] = convert(types[i], value);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no training option '" + name + "'; options are "
                    + String.join(", ", OPTIONS));
        }
        try {
            return JobSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(Class<?> type, Object v) {
        if (type == Integer.class) {
            return integer(v);
        }
        if (type == Double.class) {
            return number(v);
        }
        if (type == Boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        }
        return String.valueOf(v);
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number, got '" + v + "'");
    }

    private static int integer(Object v) {
        double d = number(v);
        if (d != Math.rint(d) || d < 1) {
            throw new IllegalArgumentException("expected a whole number of at least 1, got " + v);
        }
        return (int) d;
    }
}
