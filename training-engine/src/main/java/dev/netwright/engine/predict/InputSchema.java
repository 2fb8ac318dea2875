package dev.netwright.engine.predict;

import dev.netwright.engine.data.tabular.ColumnEncoding;
import java.util.List;

/**
 * What one sample given to a model must be.
 *
 * @param kind        how inputs are given
 * @param shape       the network's input shape without the batch dimension
 * @param width       values per sample after encoding (product of {@code shape})
 * @param columns     the table columns, for {@link InputKind#TABLE} (empty otherwise)
 * @param vocabSize   number of token ids, for {@link InputKind#TOKENS} (0 otherwise)
 * @param classNames  class names in output order (empty for regression and generators)
 * @param task        CLASSIFICATION, REGRESSION or UNLABELLED (generator)
 * @param outputShape the output shape without the batch dimension
 */
public record InputSchema(InputKind kind, long[] shape, int width, List<ColumnEncoding> columns, int vocabSize,
                          List<String> classNames, String task, long[] outputShape) {
    public InputSchema {
        shape = shape.clone();
        outputShape = outputShape.clone();
        columns = List.copyOf(columns);
        classNames = List.copyOf(classNames);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] outputShape() {
        return outputShape.clone();
    }

    public boolean classifier() {
        return "CLASSIFICATION".equals(task);
    }
}
