package dev.netwright.engine.export;

import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.List;

/** The ONNX form of each catalog activation, matching PyTorch's definitions as DJL calls them. */
final class ActivationOps {
    private ActivationOps() {
    }

    static String apply(OnnxGraph g, ActivationFunction f, float alpha, String x) {
        return switch (f) {
            case LINEAR -> x;
            case RELU -> g.op("Relu", x);
            case LEAKY_RELU -> g.op("LeakyRelu", x, Attr.f("alpha", alpha));
            case SIGMOID -> g.op("Sigmoid", x);
            case TANH -> g.op("Tanh", x);
            case SOFTMAX -> g.op("Softmax", x, Attr.i("axis", -1));
            case GELU -> gelu(g, x);
            case ELU -> g.op("Elu", x, Attr.f("alpha", 1f));
            case SELU -> g.op("Selu", x); // ONNX's default alpha/gamma are PyTorch's constants
            case SILU -> g.op("Mul", List.of(x, g.op("Sigmoid", x)));
            case SOFTPLUS -> g.op("Softplus", x);
            case RELU6 -> g.op("Clip", List.of(x, g.floats("min", new float[] {0f}, new long[0]),
                    g.floats("max", new float[] {6f}, new long[0])));
        };
    }

    /** Exact GELU, 0.5 x (1 + erf(x / sqrt 2)): opset 17 has no Gelu operator (it came with opset 20). */
    static String gelu(OnnxGraph g, String x) {
        String scaled = g.op("Div", List.of(x, scalar(g, "sqrt2", (float) Math.sqrt(2))));
        String erf = g.op("Add", List.of(g.op("Erf", scaled), scalar(g, "one", 1f)));
        return g.op("Mul", List.of(g.op("Mul", List.of(x, erf)), scalar(g, "half", 0.5f)));
    }

    static String scalar(OnnxGraph g, String what, float value) {
        return g.floats(what, new float[] {value});
    }
}
