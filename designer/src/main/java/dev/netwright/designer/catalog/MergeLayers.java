package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.List;

import static dev.netwright.designer.catalog.LayerExample.SEQUENCE;
import static dev.netwright.designer.catalog.LayerExample.of;

/** Layers that combine several inputs: Add, Multiply, Concatenate. */
final class MergeLayers {
    private MergeLayers() {
    }

    static List<LayerKind> all() {
        return List.of(new ElementWise("Add", "Adds its inputs element by element (residual connections)")
                        .withExamples(of(SEQUENCE)),
                new ElementWise("Multiply", "Multiplies its inputs element by element (gating)")
                        .withExamples(of(SEQUENCE)),
                new Concatenate().withExamples(of(SEQUENCE)));
    }

    static final class ElementWise extends BaseLayerKind {
        ElementWise(String type, String description) {
            super(type, LayerCategory.MERGE, description, 2, Integer.MAX_VALUE);
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape first = inputs.get(0);
            for (int i = 1; i < inputs.size(); i++) {
                if (!inputs.get(i).equals(first)) {
                    throw new ShapeException(type() + " needs inputs of one shape, but input " + (i + 1) + " is "
                            + inputs.get(i) + " and input 1 is " + first,
                            "make the branches end in the same shape (e.g. same filters, strides and padding)");
                }
            }
            return first;
        }
    }

    static final class Concatenate extends BaseLayerKind {
        Concatenate() {
            super("Concatenate", LayerCategory.MERGE, "Joins its inputs along one axis (channels by default)", 2,
                    Integer.MAX_VALUE, ParamSpec.integer("axis", 0, -8, 7,
                            "axis to join along: 0 is channels for images and features for vectors; -1 the last axis"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape first = inputs.get(0);
            int axis = p.integer("axis");
            if (axis >= first.rank() || axis < -first.rank()) {
                throw new ShapeException("axis " + axis + " does not exist in the input " + first,
                        "use an axis from " + (-first.rank()) + " to " + (first.rank() - 1), "axis");
            }
            int a = axis < 0 ? first.rank() + axis : axis;
            long total = 0;
            for (int i = 0; i < inputs.size(); i++) {
                Shape s = inputs.get(i);
                boolean fits = s.rank() == first.rank();
                for (int d = 0; fits && d < s.rank(); d++) {
                    fits = d == a || s.dim(d) == first.dim(d);
                }
                if (!fits) {
                    throw new ShapeException("Concatenate along axis " + axis + " needs inputs that differ only on that"
                            + " axis, but input " + (i + 1) + " is " + s + " and input 1 is " + first,
                            "reshape or pool the branches to matching sizes, or choose another axis", "axis");
                }
                total += s.dim(a);
            }
            return first.with(a, (int) total);
        }
    }
}
