package dev.netwright.engine.compile.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Looks up a learned vector per token id: [batch, time] ids (any numeric type; datasets carry them as floats)
 * to [batch, time, dim]. The table is FLOAT32 and indexed with integer ids, as PyTorch requires.
 */
public final class TokenEmbedding extends AbstractBlock {
    private final int vocabSize;
    private final int dim;
    private final Parameter table;

    public TokenEmbedding(int vocabSize, int dim) {
        this.vocabSize = vocabSize;
        this.dim = dim;
        this.table = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabSize, dim)).optInitializer(new NormalInitializer(1f)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray weights = store.getValue(table, ids.getDevice(), training);
        NDArray flat = ids.toType(DataType.INT64, false).reshape(-1);
        // ids outside the vocabulary would crash inside libtorch: clip them to the last row instead
        flat = flat.clip(0, vocabSize - 1);
        NDArray rows = weights.get(flat);
        Shape s = ids.getShape();
        return new NDList(rows.reshape(s.get(0), s.get(1), dim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), dim)};
    }
}
