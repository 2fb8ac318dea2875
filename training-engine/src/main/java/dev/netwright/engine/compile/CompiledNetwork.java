package dev.netwright.engine.compile;

import dev.netwright.designer.model.Shape;

/**
 * One design network compiled to DJL.
 *
 * @param name               {@code model}, {@code generator} or {@code discriminator}
 * @param block              the DJL block (not yet initialised)
 * @param inputShape         the design's Input shape, without batch
 * @param outputShape        the output shape, without batch
 * @param outputActivation   the output activation left out of the block for the loss to apply, or NONE
 * @param expectedParameters the designer's parameter count (trainable + non-trainable), which DJL must match
 */
public record CompiledNetwork(String name, GraphBlock block, Shape inputShape, Shape outputShape,
                              OutputActivation outputActivation, long expectedParameters) {
}
