package dev.netwright.designer.learn;

import dev.netwright.designer.catalog.ActivationFunction;

/** Each activation function and its derivative, in double precision, as textbooks define them. */
public final class Activations {
    private static final double SELU_LAMBDA = 1.0507009873554805;
    private static final double SELU_ALPHA = 1.6732632423543772;

    private Activations() {
    }

    /** f(x); softmax is not element-wise, see {@link #softmax}, and returns x here. */
    public static double value(ActivationFunction f, double alpha, double x) {
        return switch (f) {
            case LINEAR, SOFTMAX -> x;
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x >= 0 ? x : alpha * x;
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case ELU -> x >= 0 ? x : Math.expm1(x);
            case SELU -> SELU_LAMBDA * (x >= 0 ? x : SELU_ALPHA * Math.expm1(x));
            case SILU -> x * sigmoid(x);
            case SOFTPLUS -> Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
            case RELU6 -> Math.min(Math.max(0, x), 6);
        };
    }

    /** f'(x) (ReLU's derivative at 0 is taken as 0, as frameworks do). */
    public static double derivative(ActivationFunction f, double alpha, double x) {
        return switch (f) {
            case LINEAR, SOFTMAX -> 1;
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : alpha;
            case SIGMOID -> sigmoid(x) * (1 - sigmoid(x));
            case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
            case GELU -> 0.5 * (1 + erf(x / Math.sqrt(2))) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            case ELU -> x >= 0 ? 1 : Math.exp(x);
            case SELU -> SELU_LAMBDA * (x >= 0 ? 1 : SELU_ALPHA * Math.exp(x));
            case SILU -> sigmoid(x) * (1 + x * (1 - sigmoid(x)));
            case SOFTPLUS -> sigmoid(x);
            case RELU6 -> x > 0 && x < 6 ? 1 : 0;
        };
    }

    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** Softmax of logits, shifted by the maximum so large logits do not overflow. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Points of f and f' over [from, to] for plotting. */
    public record Curve(ActivationFunction function, double[] x, double[] value, double[] derivative) {
    }

    public static Curve curve(ActivationFunction f, double alpha, double from, double to, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        double[] d = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = from + (to - from) * i / (points - 1);
            y[i] = value(f, alpha, x[i]);
            d[i] = derivative(f, alpha, x[i]);
        }
        return new Curve(f, x, y, d);
    }

    /** Error function to about 1e-15 (series near 0, continued fraction in the tails). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double result;
        if (ax < 2.5) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // Lentz continued fraction for erfc
            double f = ax;
            for (int n = 60; n >= 1; n--) {
                f = ax + (n / 2.0) / f;
            }
            result = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -result : result;
    }
}
