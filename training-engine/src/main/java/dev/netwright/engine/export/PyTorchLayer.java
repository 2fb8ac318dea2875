package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.engine.compile.LayerSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The PyTorch form of one layer kind: the module built in {@code __init__} (none for functional layers), the
 * expression computing its output in {@code forward}, and where its DJL parameters go in PyTorch's state dict.
 *
 * @param module  the constructor expression, e.g. {@code nn.Linear(784, 16)}; null for layers without a module
 * @param forward the output expression from the node's inputs and its module
 * @param weights the node's DJL parameters by state-dict suffix (e.g. {@code weight}); empty without parameters
 */
record PyTorchLayer(Function<Node, String> module, Function<Node, String> forward, WeightMap weights) {

    /**
     * One node being written: its Python name, checked parameters and shapes, input variable names, and the Python
     * expressions for values that a block class takes as arguments ({@link Symbols}).
     */
    record Node(String name, LayerSpec spec, List<String> inputs, Set<PyTorchHelper> helpers, Symbols symbols) {
        Node(String name, LayerSpec spec, List<String> inputs, Set<PyTorchHelper> helpers) {
            this(name, spec, inputs, helpers, Symbols.concrete(spec));
        }

        String input() {
            return inputs.get(0);
        }

        /** An integer parameter as Python: the block argument it is bound to, else its value. */
        String integer(String param) {
            String bound = symbols.bound(param);
            return bound != null ? bound : Integer.toString(params().integer(param));
        }

        /** A real parameter as Python: the block argument it is bound to, else its value. */
        String real(String param) {
            String bound = symbols.bound(param);
            return bound != null ? bound : PyTorchLayers.num(params().real(param));
        }

        boolean bound(String param) {
            return symbols.bound(param) != null;
        }

        /** The input's first dimension per sample (channels), as Python. */
        String inChannels() {
            return symbols.dim0();
        }

        /** The input's last dimension (features), as Python. */
        String inFeatures() {
            return symbols.last();
        }

        LayerParams params() {
            return spec.params();
        }

        /** The module attribute, {@code self.<name>}. */
        String self() {
            return "self." + name;
        }

        /** Marks a helper class or function the generated file must define. */
        String use(PyTorchHelper helper) {
            helpers.add(helper);
            return helper.pythonName();
        }
    }

    /**
     * Where a node's constructor values come from: in the design's own class all are literals; in a block class a
     * parameter bound to an exposed parameter is that argument, and input sizes are expressions of the arguments.
     */
    interface Symbols {
        /** The Python expression of the exposed parameter {@code param} is bound to; null when it is not bound. */
        String bound(String param);

        String dim0();

        String last();

        static Symbols concrete(LayerSpec spec) {
            return new Symbols() {
                @Override
                public String bound(String param) {
                    return null;
                }

                @Override
                public String dim0() {
                    return Integer.toString(spec.input().dim(0));
                }

                @Override
                public String last() {
                    return Integer.toString(spec.input().last());
                }
            };
        }
    }

    /** Reads a node's trained DJL block into state-dict entries. */
    @FunctionalInterface
    interface WeightMap {
        void read(Block block, LayerSpec spec, Map<String, Tensor> out);

        WeightMap NONE = (block, spec, out) -> {
        };
    }
}
