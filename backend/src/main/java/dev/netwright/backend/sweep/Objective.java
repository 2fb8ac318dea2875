package dev.netwright.backend.sweep;

import java.util.List;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * The metric a sweep optimises, read from what trials report: per epoch from their EPOCH points (for pruning and
 * the best-epoch value) and, for {@code test_accuracy}, from the final test evaluation.
 */
enum Objective {
    VAL_ACCURACY("val_accuracy", "validation", "accuracy", false),
    VAL_LOSS("val_loss", "validation", "loss", false),
    TRAIN_LOSS("train_loss", "train", "loss", false),
    // judged per epoch on validation accuracy (the test split is only evaluated at the end), like the CLI does
    TEST_ACCURACY("test_accuracy", "validation", "accuracy", false),
    VAL_MAE("val_mae", "validation", "mae", true),
    VAL_RMSE("val_rmse", "validation", "rmse", true);

    static final List<String> NAMES = List.of("val_accuracy", "val_loss", "train_loss", "test_accuracy", "val_mae",
            "val_rmse");

    final String id;
    private final String split;
    private final String field;
    private final boolean regressionOnly;

    Objective(String id, String split, String field, boolean regressionOnly) {
        this.id = id;
        this.split = split;
        this.field = field;
        this.regressionOnly = regressionOnly;
    }

    static Objective parse(String id) {
        for (Objective o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + id + "': use one of " + String.join(", ", NAMES));
    }

    /** Whether the objective exists for this kind of task (accuracy for classification, errors for regression). */
    boolean fits(boolean regression) {
        return regressionOnly ? regression : !field.equals("accuracy") || !regression;
    }

    /** Where an EPOCH payload keeps the value, as a PostgreSQL text[] path for {@code #>>}. */
    String payloadPath() {
        return "{" + split + "," + field + "}";
    }

    /** The test-set value from a run's final metrics, for {@code test_accuracy}. */
    OptionalDouble atEnd(JsonNode finalMetrics) {
        if (this != TEST_ACCURACY || finalMetrics == null) {
            return OptionalDouble.empty();
        }
        JsonNode v = finalMetrics.path("test").path("accuracy");
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }
}
