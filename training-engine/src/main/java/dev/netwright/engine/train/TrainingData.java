package dev.netwright.engine.train;

import dev.netwright.engine.data.ArrayDataset;

import java.util.Objects;
import java.util.Optional;

/**
 * The data of one supervised run. Without a validation set the trainer holds out
 * {@code TrainingConfig.validationFraction()} of the training data (seeded); without a test set it skips the final
 * evaluation.
 */
public record TrainingData(ArrayDataset train, Optional<ArrayDataset> validation, Optional<ArrayDataset> test) {

    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** Validation and test may be null. */
    public static TrainingData of(ArrayDataset train, ArrayDataset validation, ArrayDataset test) {
        return new TrainingData(train, Optional.ofNullable(validation), Optional.ofNullable(test));
    }
}
