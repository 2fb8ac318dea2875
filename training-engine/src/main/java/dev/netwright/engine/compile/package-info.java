/**
 * Compiles a design into a DJL {@link ai.djl.nn.Block}: one child block per node, run in topological order by
 * {@link dev.netwright.engine.compile.GraphBlock}. Each layer kind's DJL construction is registered once in
 * {@link dev.netwright.engine.compile.LayerCompilers}; a test checks every catalog kind has one and that DJL
 * instantiates exactly the parameter count the designer reports. Where DJL is wrong or missing (bidirectional
 * recurrent layers with biases, LayerNorm-based transformer encoder, causal attention) the standard layer is built
 * from smaller blocks.
 */
package dev.netwright.engine.compile;
