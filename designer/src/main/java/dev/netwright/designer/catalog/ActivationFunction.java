package dev.netwright.designer.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Element-wise activation functions (softmax works over the last axis). Names are part of the design format. */
public enum ActivationFunction {
    LINEAR("linear"),
    RELU("relu"),
    LEAKY_RELU("leakyRelu"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    SOFTMAX("softmax"),
    GELU("gelu"),
    ELU("elu"),
    SELU("selu"),
    SILU("silu"),
    SOFTPLUS("softplus"),
    /** min(max(x, 0), 6), as in MobileNet. */
    RELU6("relu6");

    /** Default slope of leakyRelu for negative inputs. */
    public static final double DEFAULT_ALPHA = 0.01;

    private final String jsonName;

    ActivationFunction(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Whether the {@code alpha} parameter changes this function. */
    public boolean usesAlpha() {
        return this == LEAKY_RELU;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ActivationFunction::jsonName).toList();
    }

    public static Optional<ActivationFunction> fromName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName.equals(name)).findFirst();
    }

    public static ActivationFunction of(String name) {
        return fromName(name).orElseThrow(() -> new IllegalArgumentException("unknown activation " + name));
    }
}
