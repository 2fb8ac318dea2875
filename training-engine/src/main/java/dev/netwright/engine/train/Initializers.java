package dev.netwright.engine.train;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import dev.netwright.engine.train.config.WeightInit;

/** Maps {@link WeightInit} to DJL initializers with the textbook constants. */
final class Initializers {
    private Initializers() {
    }

    public static Initializer create(WeightInit init, double scale) {
        return switch (init) {
            // DJL's no-argument XavierInitializer uses magnitude 6 (twice Glorot's variance); 3 with AVG gives
            // the Glorot bound sqrt(6 / (fanIn + fanOut)).
            case XAVIER -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3f);
            case HE -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, 2f);
            case NORMAL -> new NormalInitializer((float) scale);
            case UNIFORM -> new UniformInitializer((float) scale);
        };
    }
}
