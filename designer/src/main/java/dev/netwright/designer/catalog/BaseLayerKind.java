package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

/** Holds the descriptive parts every kind shares; subclasses add the shape rule and the cost formula. */
abstract class BaseLayerKind implements LayerKind {
    private final String type;
    private final LayerCategory category;
    private final String description;
    private final List<ParamSpec> params;
    private final int minInputs;
    private final int maxInputs;
    private List<LayerExample> examples = List.of();

    BaseLayerKind(String type, LayerCategory category, String description, int minInputs, int maxInputs,
                  ParamSpec... params) {
        this.type = type;
        this.category = category;
        this.description = description;
        this.params = List.of(params);
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final LayerCategory category() {
        return category;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParamSpec> params() {
        return params;
    }

    @Override
    public final int minInputs() {
        return minInputs;
    }

    @Override
    public final int maxInputs() {
        return maxInputs;
    }

    @Override
    public final List<LayerExample> examples() {
        return examples;
    }

    /** Sets this kind's examples, once, where the family lists its kinds. */
    final BaseLayerKind withExamples(LayerExample... list) {
        if (!examples.isEmpty()) {
            throw new IllegalStateException(type + " already has examples");
        }
        examples = List.of(list);
        return this;
    }

    /** Parameter-free layers cost nothing; layers with weights or arithmetic override this. */
    @Override
    public LayerCost cost(List<Shape> inputs, Shape output, LayerParams params) {
        return LayerCost.FREE;
    }

    @Override
    public String toString() {
        return type;
    }

    /** The single input of a one-input layer, checked to have one of the given ranks. */
    final Shape input(List<Shape> inputs, String expected, String hint, int... ranks) throws ShapeException {
        Shape in = inputs.get(0);
        for (int r : ranks) {
            if (in.rank() == r) {
                return in;
            }
        }
        throw new ShapeException(type + " takes " + expected + " but gets " + in, hint);
    }

    static long product(int[] values) {
        long p = 1;
        for (int v : values) {
            p *= v;
        }
        return p;
    }

    static ParamSpec activationParam(String defaultFunction) {
        return ParamSpec.choice("activation", defaultFunction, ActivationFunction.names(),
                "activation applied to the output");
    }

    static ParamSpec alphaParam() {
        return ParamSpec.real("alpha", ActivationFunction.DEFAULT_ALPHA, 0, 10, false,
                "negative slope of leakyRelu (ignored by other activations)");
    }

    static ParamSpec useBiasParam() {
        return ParamSpec.bool("useBias", true, "add a learned bias to each output");
    }
}
