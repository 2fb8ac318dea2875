package dev.netwright.engine.data;

/** A training part and a held-out test part of one dataset. */
public record TrainTest(ArrayDataset train, ArrayDataset test) {
}
