package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Adds position information to [batch, time, features]: the fixed sinusoids of Vaswani et al.
 * (PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(...)) or a learned [maxLength, features] table.
 */
public final class PositionalEncodingBlock extends AbstractBlock {
    private final boolean learned;
    private final int maxLength;
    private final int features;
    private final Parameter table;
    private final float[] sinusoids;

    public PositionalEncodingBlock(boolean learned, int maxLength, int features) {
        this.learned = learned;
        this.maxLength = maxLength;
        this.features = features;
        if (learned) {
            this.table = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(maxLength, features)).optInitializer(new NormalInitializer(0.02f)).build());
            this.sinusoids = null;
        } else {
            this.table = null;
            this.sinusoids = sinusoids(maxLength, features);
        }
    }

    /** Row-major [maxLength, features] sinusoid table. */
    public static float[] sinusoids(int length, int features) {
        float[] pe = new float[length * features];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < features; i += 2) {
                double angle = t / Math.pow(10000, (double) i / features);
                pe[t * features + i] = (float) Math.sin(angle);
                if (i + 1 < features) {
                    pe[t * features + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return pe;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        long steps = x.getShape().get(1);
        NDArray positions;
        if (learned) {
            positions = store.getValue(table, x.getDevice(), training).get("0:" + steps);
        } else {
            float[] slice = java.util.Arrays.copyOf(sinusoids, (int) (steps * features));
            positions = x.getManager().create(slice, new Shape(steps, features)).toType(x.getDataType(), false);
        }
        return new NDList(x.add(positions));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    int maxLength() {
        return maxLength;
    }
}
