package dev.netwright.engine.export;

import ai.djl.nn.Block;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.engine.compile.LayerSpec;
import java.util.List;

/**
 * What an emitter needs for one node: the graph being built, the node's checked spec (parameters and shapes), its
 * trained DJL block (for weights) and the ONNX value names of its inputs in port order.
 */
record EmitContext(OnnxGraph graph, LayerSpec spec, Block block, List<String> inputs) {
    EmitContext {
        inputs = List.copyOf(inputs);
    }

    String input() {
        return inputs.get(0);
    }

    LayerParams params() {
        return spec.params();
    }

    /** Rank of the first input including the batch axis. */
    int inputRank() {
        return spec.input().rank() + 1;
    }
}
