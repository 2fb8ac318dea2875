/**
 * DJL blocks for layers DJL lacks or gets wrong on PyTorch: multi-head self-attention with an optional causal mask,
 * the standard (LayerNorm) transformer encoder layer, positional encodings, bidirectional recurrent stacks built
 * from one-directional layers, batch norm over any axis, and token embeddings fed float-encoded ids.
 */
package dev.netwright.engine.compile.blocks;
