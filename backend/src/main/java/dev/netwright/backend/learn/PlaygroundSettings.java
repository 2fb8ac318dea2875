package dev.netwright.backend.learn;

import dev.netwright.designer.catalog.ActivationFunction;
import java.util.List;

/**
 * What the learner chose. The bounds keep one playground training to a fraction of a CPU core.
 *
 * @param dataset      a built-in 2-D set: moons, circles or spirals
 * @param noise        standard deviation of extra Gaussian noise added to every point
 * @param learningRate Adam's learning rate
 * @param activation   hidden layers' activation
 * @param hiddenLayers number of hidden layers
 * @param units        units per hidden layer
 * @param l1           L1 penalty on the weights
 * @param l2           L2 penalty on the weights
 * @param seed         drives the data, the noise and the initial weights
 */
public record PlaygroundSettings(String dataset, double noise, double learningRate, String activation,
                                 int hiddenLayers, int units, double l1, double l2, int seed) {
    public static final List<String> DATASETS = List.of("moons", "circles", "spirals");
    public static final int MAX_LAYERS = 6;
    public static final int MAX_UNITS = 32;
    public static final PlaygroundSettings DEFAULT = new PlaygroundSettings("moons", 0.0, 0.03, "tanh", 2, 8, 0, 0, 1);

    public PlaygroundSettings {
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("dataset: '" + dataset + "' is not one of " + DATASETS);
        }
        check("noise", noise, 0, 1);
        check("learning rate", learningRate, 1e-5, 1);
        if (ActivationFunction.fromName(activation).isEmpty() || "softmax".equals(activation)) {
            throw new IllegalArgumentException("activation: '" + activation + "' is not an element-wise activation");
        }
        check("hidden layers", hiddenLayers, 0, MAX_LAYERS);
        check("units per layer", units, 1, MAX_UNITS);
        check("L1", l1, 0, 1);
        check("L2", l2, 0, 1);
    }

    private static void check(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + ": " + value + " is outside " + min + " to " + max);
        }
    }
}
