package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

import static dev.netwright.designer.catalog.LayerExample.IMAGE;
import static dev.netwright.designer.catalog.LayerExample.SEQUENCE;
import static dev.netwright.designer.catalog.LayerExample.of;

/** Input, Dense, Activation, Dropout, Flatten, Reshape. */
final class CoreLayers {
    private CoreLayers() {
    }

    static List<LayerKind> all() {
        return List.of(new Input().withExamples(of(IMAGE)),
                new Dense().withExamples(of(SEQUENCE, "units", 5), of(List.of(7), "units", 3, "useBias", false),
                        of(List.of(7), "units", 4, "activation", "softmax")),
                new Activation().withExamples(of(SEQUENCE, "function", "leakyRelu", "alpha", 0.2)),
                new Dropout().withExamples(of(SEQUENCE, "rate", 0.3)),
                new Flatten().withExamples(of(IMAGE)),
                new Reshape().withExamples(of(SEQUENCE, "shape", List.of(2, -1))));
    }

    static final class Input extends BaseLayerKind {
        Input() {
            super("Input", LayerCategory.CORE, "Where samples enter: the shape of one sample, without the batch", 0, 0,
                    ParamSpec.intList("shape", null, 1,
                            "sample shape, e.g. [784], [1, 28, 28] (channels, height, width) or [50, 1] (time, features)"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) {
            return Shape.of(p.intList("shape").stream().mapToInt(Integer::intValue).toArray());
        }
    }

    static final class Dense extends BaseLayerKind {
        Dense() {
            super("Dense", LayerCategory.CORE,
                    "Fully connected: each output is a weighted sum of all inputs plus a bias, then an activation", 1, 1,
                    ParamSpec.integer("units", 64, 1, 1 << 20, "number of outputs (neurons)"),
                    activationParam("linear"), alphaParam(), useBiasParam());
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, "a vector [features] or a sequence [time, features]",
                    "add a Flatten (or GlobalAvgPool2D) before it", 1, 2);
            return in.with(-1, p.integer("units"));
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            Shape in = inputs.get(0);
            long units = p.integer("units");
            long positions = in.elements() / in.last();
            long params = in.last() * units + (p.bool("useBias") ? units : 0);
            return new LayerCost(params, 0, positions * in.last() * units);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            String weights = inputs.get(0).last() + " × " + p.integer("units");
            return p.bool("useBias") ? weights + " + " + p.integer("units") : weights;
        }
    }

    static final class Activation extends BaseLayerKind {
        Activation() {
            super("Activation", LayerCategory.CORE,
                    "Applies a function to every value (softmax: over the last axis)", 1, 1,
                    ParamSpec.choice("function", "relu", ActivationFunction.names(), "the activation function"),
                    alphaParam());
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) {
            return inputs.get(0);
        }
    }

    static final class Dropout extends BaseLayerKind {
        Dropout() {
            super("Dropout", LayerCategory.CORE,
                    "While training, zeroes a random fraction of values and rescales the rest; does nothing at inference",
                    1, 1, ParamSpec.real("rate", 0.5, 0, 1, true, "fraction of values dropped while training"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) {
            return inputs.get(0);
        }
    }

    static final class Flatten extends BaseLayerKind {
        Flatten() {
            super("Flatten", LayerCategory.CORE, "Turns a sample of any shape into one vector", 1, 1);
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            long n = inputs.get(0).elements();
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException("Flatten output " + n + " is too large", "reduce the input size first");
            }
            return Shape.of((int) n);
        }
    }

    static final class Reshape extends BaseLayerKind {
        Reshape() {
            super("Reshape", LayerCategory.CORE, "Rearranges a sample's values into another shape of the same size", 1, 1,
                    ParamSpec.intList("shape", null, -1, "target shape; one dimension may be -1 to infer it"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            long n = inputs.get(0).elements();
            List<Integer> target = p.intList("shape");
            int inferred = -1;
            long known = 1;
            for (int i = 0; i < target.size(); i++) {
                int d = target.get(i);
                if (d == 0) {
                    throw new ShapeException("target shape " + target + " has a 0", "use positive sizes", "shape");
                }
                if (d == -1) {
                    if (inferred >= 0) {
                        throw new ShapeException("target shape " + target + " has more than one -1",
                                "leave at most one dimension as -1", "shape");
                    }
                    inferred = i;
                } else {
                    known *= d;
                }
            }
            int[] dims = target.stream().mapToInt(Integer::intValue).toArray();
            if (inferred >= 0) {
                if (n % known != 0) {
                    throw new ShapeException("cannot reshape " + inputs.get(0) + " (" + n + " values) into " + target,
                            "make the known dimensions divide " + n, "shape");
                }
                dims[inferred] = (int) (n / known);
            } else if (known != n) {
                throw new ShapeException("cannot reshape " + inputs.get(0) + " (" + n + " values) into " + target
                        + " (" + known + " values)", "choose a target shape holding " + n + " values", "shape");
            }
            return Shape.of(dims);
        }
    }
}
