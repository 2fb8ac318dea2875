package dev.netwright.engine.train.config;

/**
 * GAN-specific settings.
 *
 * @param discriminatorSteps discriminator updates per generator update
 * @param labelSmoothing     one-sided label smoothing: real samples are labelled {@code 1 - labelSmoothing}
 * @param latentSize         length of the generator's noise vector
 * @param sampleCount        generated samples reported per epoch for previews (0 for none)
 */
public record GanConfig(int discriminatorSteps, double labelSmoothing, int latentSize, int sampleCount) {

    public GanConfig {
        Checks.positive("discriminator steps per generator step", discriminatorSteps);
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + labelSmoothing);
        }
        Checks.positive("latent size", latentSize);
        Checks.nonNegative("generated sample count", sampleCount);
    }

    public static GanConfig defaults() {
        return new GanConfig(1, 0.1, 16, 64);
    }
}
