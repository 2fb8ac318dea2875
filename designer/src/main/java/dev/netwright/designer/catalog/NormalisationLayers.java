package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

import static dev.netwright.designer.catalog.LayerExample.IMAGE;
import static dev.netwright.designer.catalog.LayerExample.SEQUENCE;
import static dev.netwright.designer.catalog.LayerExample.of;

/** BatchNorm and LayerNorm. */
final class NormalisationLayers {
    private NormalisationLayers() {
    }

    static List<LayerKind> all() {
        return List.of(new BatchNorm().withExamples(of(IMAGE),
                        of(SEQUENCE, "axis", -1, "momentum", 0.2, "epsilon", 1e-3)),
                new LayerNorm().withExamples(of(SEQUENCE), of(IMAGE)));
    }

    static final class BatchNorm extends BaseLayerKind {
        BatchNorm() {
            super("BatchNorm", LayerCategory.NORMALISATION,
                    "Normalises each channel over the batch, then scales and shifts it (learned gamma, beta)", 1, 1,
                    ParamSpec.integer("axis", 0, -8, 7,
                            "channel axis: 0 for images [C, H, W], vectors and Conv1D outputs; -1 for [time, features]"),
                    ParamSpec.real("momentum", 0.1, 0, 1, false,
                            "weight of each new batch in the running statistics (PyTorch convention)"),
                    ParamSpec.real("epsilon", 1e-5, 0, 1, false, "added to the variance to avoid division by zero"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = inputs.get(0);
            int axis = p.integer("axis");
            if (axis >= in.rank() || axis < -in.rank()) {
                throw new ShapeException("axis " + axis + " does not exist in the input " + in,
                        "use an axis from " + (-in.rank()) + " to " + (in.rank() - 1), "axis");
            }
            return in;
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            long channels = output.dim(p.integer("axis"));
            // gamma and beta are trained; running mean and variance are kept but not trained
            return new LayerCost(2 * channels, 2 * channels, output.elements());
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            long c = output.dim(p.integer("axis"));
            return "2 × " + c + " (gamma, beta) + 2 × " + c + " (running mean, variance)";
        }
    }

    static final class LayerNorm extends BaseLayerKind {
        LayerNorm() {
            super("LayerNorm", LayerCategory.NORMALISATION,
                    "Normalises each sample over its last axis, then scales and shifts it (learned gamma, beta)", 1, 1,
                    ParamSpec.real("epsilon", 1e-5, 0, 1, false, "added to the variance to avoid division by zero"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) {
            return inputs.get(0);
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            return new LayerCost(2L * output.last(), 0, output.elements());
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            return "2 × " + output.last() + " (gamma, beta)";
        }
    }
}
