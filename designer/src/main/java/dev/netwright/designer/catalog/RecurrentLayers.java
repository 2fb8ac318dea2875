package dev.netwright.designer.catalog;

import dev.netwright.designer.model.Shape;
import java.util.ArrayList;
import java.util.List;

import static dev.netwright.designer.catalog.LayerExample.SEQUENCE;
import static dev.netwright.designer.catalog.LayerExample.of;

/** SimpleRNN, LSTM and GRU over sequences [time, features]. */
final class RecurrentLayers {
    private RecurrentLayers() {
    }

    static List<LayerKind> all() {
        return List.of(new Recurrent("SimpleRNN", 1, "Recurrent layer: h = activation(W x + U h + b) at each step", true)
                        .withExamples(of(SEQUENCE, "units", 4, "activation", "relu", "returnSequences", true),
                                of(SEQUENCE, "units", 4, "layers", 2, "bidirectional", true)),
                new Recurrent("LSTM", 4, "Long short-term memory: input, forget, cell and output gates", false)
                        .withExamples(of(SEQUENCE, "units", 5, "layers", 2, "dropout", 0.1),
                                of(SEQUENCE, "units", 5, "layers", 2, "bidirectional", true),
                                of(SEQUENCE, "units", 16),
                                of(SEQUENCE, "units", 24, "layers", 2, "bidirectional", true),
                                of(SEQUENCE, "units", 32, "bidirectional", true, "returnSequences", true)),
                new Recurrent("GRU", 3, "Gated recurrent unit: reset, update and new gates", false)
                        .withExamples(of(SEQUENCE, "units", 3, "bidirectional", true, "returnSequences", true),
                                of(SEQUENCE, "units", 3, "layers", 2, "bidirectional", true),
                                of(SEQUENCE, "units", 3)));
    }

    static final class Recurrent extends BaseLayerKind {
        private final int gates;

        Recurrent(String type, int gates, String description, boolean hasActivation) {
            super(type, LayerCategory.RECURRENT, description, 1, 1, params(hasActivation));
            this.gates = gates;
        }

        private static ParamSpec[] params(boolean hasActivation) {
            List<ParamSpec> specs = new ArrayList<>(List.of(
                    ParamSpec.integer("units", 64, 1, 1 << 16, "size of the hidden state (per direction)"),
                    ParamSpec.integer("layers", 1, 1, 16, "number of stacked recurrent layers"),
                    ParamSpec.bool("bidirectional", false, "also read the sequence backwards and concatenate both"),
                    ParamSpec.bool("returnSequences", false,
                            "output every time step [time, units] instead of the last one [units]"),
                    ParamSpec.real("dropout", 0, 0, 1, true, "dropout between stacked layers while training")));
            if (hasActivation) {
                specs.add(ParamSpec.choice("activation", "tanh", List.of("tanh", "relu"), "activation of the state"));
            }
            return specs.toArray(ParamSpec[]::new);
        }

        /** Gate sets per step: 1 for SimpleRNN, 4 for LSTM, 3 for GRU. */
        public int gates() {
            return gates;
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, "a sequence [time, features]",
                    "add a Reshape to [time, features] before it (e.g. [28, 28] for 28x28 images)", 2);
            int width = p.integer("units") * (p.bool("bidirectional") ? 2 : 1);
            return p.bool("returnSequences") ? Shape.of(in.dim(0), width) : Shape.of(width);
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            Shape in = inputs.get(0);
            long units = p.integer("units");
            long directions = p.bool("bidirectional") ? 2 : 1;
            long steps = in.dim(0);
            long params = 0;
            long macs = 0;
            long layerInput = in.dim(1);
            for (int layer = 0; layer < p.integer("layers"); layer++) {
                // PyTorch keeps two bias vectors (input-hidden and hidden-hidden) per gate set
                long perDirection = gates * units * (layerInput + units) + 2L * gates * units;
                params += directions * perDirection;
                macs += directions * steps * gates * units * (layerInput + units);
                layerInput = units * directions;
            }
            return new LayerCost(params, 0, macs);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            long units = p.integer("units");
            int directions = p.bool("bidirectional") ? 2 : 1;
            List<String> terms = new ArrayList<>();
            long in = inputs.get(0).dim(1);
            for (int layer = 0; layer < p.integer("layers"); layer++) {
                String one = gates + " × " + units + " × (" + in + " + " + units + ") + 2 × " + gates + " × " + units;
                terms.add(directions == 2 ? "2 × (" + one + ")" : one);
                in = units * directions;
            }
            return String.join(" + ", terms);
        }
    }
}
