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

    /** One node being written: its Python name, checked parameters and shapes, input variable names. */
    record Node(String name, LayerSpec spec, List<String> inputs, Set<PyTorchHelper> helpers) {
        String input() {
            return inputs.get(0);
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

    /** Reads a node's trained DJL block into state-dict entries. */
    @FunctionalInterface
    interface WeightMap {
        void read(Block block, LayerSpec spec, Map<String, Tensor> out);

        WeightMap NONE = (block, spec, out) -> {
        };
    }
}
