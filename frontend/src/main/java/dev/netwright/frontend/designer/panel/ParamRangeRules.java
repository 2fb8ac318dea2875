package dev.netwright.frontend.designer.panel;

import dev.netwright.designer.catalog.ParamSpec;
import dev.netwright.designer.catalog.ParamType;
import dev.netwright.frontend.sweep.SweepRange;
import java.util.List;

/**
 * Which sweep ranges a layer parameter can take, and the check of one typed range: the sweep's own rules first (as in
 * the launch dialog), then every value a trial could get, as far as known before sampling (each categorical value,
 * both ends of a range), against the parameter's own rules. So {@code units} in {@code 0, 64} is refused here,
 * not when the first trial fails.
 *
 * @param spec the parameter
 */
record ParamRangeRules(ParamSpec spec) {

    /** Numbers and choices vary; on/off switches and shapes do not. */
    static boolean sweepable(ParamSpec spec) {
        return spec.type() == ParamType.INT || spec.type() == ParamType.FLOAT || spec.type() == ParamType.CHOICE;
    }

    /** The kinds of range that fit the parameter, the usual one first. */
    List<SweepRange.Kind> kinds() {
        return switch (spec.type()) {
            case INT -> List.of(SweepRange.Kind.CATEGORICAL, SweepRange.Kind.INTEGER);
            case FLOAT -> List.of(SweepRange.Kind.UNIFORM, SweepRange.Kind.LOG_UNIFORM, SweepRange.Kind.CATEGORICAL);
            case CHOICE -> List.of(SweepRange.Kind.CATEGORICAL);
            default -> throw new IllegalStateException(spec.name() + " (" + spec.type() + ") cannot be swept");
        };
    }

    /**
     * Reads a range typed for this parameter of layer {@code nodeId}; throws IllegalArgumentException naming the
     * hyperparameter ({@code nodeId.param}) and the value at fault.
     */
    SweepRange parse(String nodeId, SweepRange.Kind kind, String text) {
        String name = nodeId + "." + spec.name();
        if (!kinds().contains(kind)) {
            throw new IllegalArgumentException("'" + name + "': " + spec.name() + " takes "
                    + String.join(" or ", kinds().stream().map(SweepRange.Kind::label).toList()) + " ranges");
        }
        SweepRange range = SweepRange.parse(name, kind, text);
        for (Object value : range.values()) {
            try {
                spec.check(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' value " + value + ": " + e.getMessage());
            }
        }
        return range;
    }
}
