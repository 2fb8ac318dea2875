package dev.netwright.engine.predict;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * One sample's raw outputs as an immutable list, read from the batch's output array instead of copied into boxed
 * values: naming a batch of 256 answers in new lists and maps cost about half as much as the network's forward pass.
 */
final class OutputValues extends AbstractList<Double> implements RandomAccess {
    private final float[] outputs;
    private final int from;
    private final int size;

    OutputValues(float[] outputs, int from, int size) {
        this.outputs = outputs;
        this.from = from;
        this.size = size;
    }

    @Override
    public Double get(int index) {
        java.util.Objects.checkIndex(index, size);
        return (double) outputs[from + index];
    }

    @Override
    public int size() {
        return size;
    }
}
