package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

/**
 * One layer kind of the catalog: everything the platform knows about it, defined in one place. The training engine
 * registers its DJL compilation per {@link #type()}, and a test checks every kind has one.
 */
public interface LayerKind {

    /** The type name in the design format, e.g. {@code Conv2D}. */
    String type();

    LayerCategory category();

    /** One line for the palette and documentation. */
    String description();

    /** Parameters in display order. */
    List<ParamSpec> params();

    /** Fewest inputs this layer accepts (0 for {@code Input}). */
    int minInputs();

    /** Most inputs this layer accepts ({@link Integer#MAX_VALUE} for merges). */
    int maxInputs();

    /**
     * The output shape for the given input shapes (in port order), or a {@link ShapeException} saying what does not
     * fit and how to fix it. Input counts are already checked.
     */
    Shape outputShape(List<Shape> inputs, LayerParams params) throws ShapeException;

    /** Parameter counts (PyTorch conventions, as the training engine instantiates them) and multiply-adds. */
    LayerCost cost(List<Shape> inputs, Shape output, LayerParams params);

    /**
     * The parameter count as arithmetic a learner can check, e.g. {@code 784 × 16 + 16} for a Dense layer; empty
     * for layers without parameters. Evaluates to {@code cost(...).totalParams()}.
     */
    default String parameterFormula(List<Shape> inputs, Shape output, LayerParams params) {
        return "";
    }

    /**
     * Example configurations that exercise this kind's parameters; every target's tests (DJL compilation, ONNX
     * export) run all of them. At least one per kind.
     */
    default List<LayerExample> examples() {
        return List.of();
    }
}
