package dev.netwright.engine.compile;

/** The two networks of a GAN design; the generator's input shape is the latent shape. */
public record CompiledGan(CompiledNetwork generator, CompiledNetwork discriminator) {
}
