package dev.netwright.designer.model;

import java.util.Arrays;

/**
 * A tensor shape without the batch dimension, in the PyTorch/DJL layout: images {@code [channels, height, width]},
 * sequences {@code [time, features]}, token ids {@code [time]}, vectors {@code [features]}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("shape dimensions must be >= 1, got " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i}; negative indexes count from the end ({@code -1} is the last). */
    public int dim(int i) {
        return dims[i < 0 ? dims.length + i : i];
    }

    public int last() {
        return dims[dims.length - 1];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements of one sample. */
    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** This shape with dimension {@code i} replaced. */
    public Shape with(int i, int value) {
        int[] copy = dims.clone();
        copy[i < 0 ? dims.length + i : i] = value;
        return of(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
