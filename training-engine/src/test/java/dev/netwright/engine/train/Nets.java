package dev.netwright.engine.train;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** Tiny networks for the tests (what the design compiler will produce later). */
final class Nets {
    private Nets() {
    }

    /** ReLU MLP with the given hidden widths and a linear output layer. */
    static Block mlp(int outputs, int... hidden) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).build()).add(Activation::relu);
        }
        return block.add(Linear.builder().setUnits(outputs).build());
    }
}
