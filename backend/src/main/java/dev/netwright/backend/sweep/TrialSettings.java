package dev.netwright.backend.sweep;

import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.search.Domain;
import dev.netwright.engine.search.SearchSpace;
import dev.netwright.engine.search.SweepParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a trial's hyperparameters into what a run carries: training options go into the run's settings, layer
 * parameters ({@code nodeId.param}) into a per-trial variant of the design (through the engine's
 * {@link SweepParameters}, so the platform and the command line vary designs and settings the same way).
 */
final class TrialSettings {
    private TrialSettings() {
    }

    /** What one trial trains with; {@code variant} is empty when no layer parameter varies. */
    record Applied(TrainingSettings settings, Optional<Design> variant) {
    }

    static Applied apply(Design design, TrainingSettings base, boolean regression, Map<String, Object> params) {
        SweepParameters.Applied applied = SweepParameters.apply(design, base, params);
        applied.settings().toConfig(regression); // throws naming the field when a value does not suit the task
        boolean layers = params.keySet().stream().anyMatch(k -> k.indexOf('.') >= 0);
        return new Applied(applied.settings(), layers ? Optional.of(applied.design()) : Optional.empty());
    }

    /**
     * Checks names and ranges before the sweep starts, so a typo or an impossible value fails at creation rather
     * than in trial 7: every categorical value and both ends of every range are tried on the base settings.
     */
    static void check(SearchSpace space, Design design, TrainingSettings base, boolean regression) {
        check(space, design, base, regression, (what, applied) -> { });
    }

    /**
     * As {@link #check(SearchSpace, Design, TrainingSettings, boolean)}, also handing every probe to {@code platform}
     * (with "hyperparameter 'x' value v" and the probe's settings and design) for the platform's caps.
     */
    static void check(SearchSpace space, Design design, TrainingSettings base, boolean regression,
                      java.util.function.BiConsumer<String, Applied> platform) {
        SweepParameters.check(space, design);
        for (String name : space.names()) {
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
}
