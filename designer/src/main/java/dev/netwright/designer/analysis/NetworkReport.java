package dev.netwright.designer.analysis;

import dev.netwright.designer.model.Shape;

/**
 * One trainable network of a design: the whole graph of a supervised design, or a GAN's generator or
 * discriminator.
 *
 * @param name         {@code model}, {@code generator} or {@code discriminator}
 * @param inputNodeId  its Input node, or null if it has none
 * @param outputNodeId its single output node, or null if it has none or several
 * @param inputShape   shape fed to it (null when unknown)
 * @param outputShape  shape it produces (null when unknown)
 * @param totals       its parameters and costs
 */
public record NetworkReport(String name, String inputNodeId, String outputNodeId, Shape inputShape, Shape outputShape,
                            Totals totals) {
    public static final String SUPERVISED = "model";
}
