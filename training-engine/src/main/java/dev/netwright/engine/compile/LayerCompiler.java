package dev.netwright.engine.compile;

import ai.djl.nn.Block;

/** Builds the DJL block of one layer kind. The block takes the node's inputs (batch first) as an NDList. */
@FunctionalInterface
interface LayerCompiler {
    Block compile(LayerSpec spec);
}
