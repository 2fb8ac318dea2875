package dev.netwright.engine.export;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.ConvolutionArithmetic;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.compile.LayerSpec;
import dev.netwright.engine.compile.blocks.TransposedConvolution2D;
import dev.netwright.engine.export.PyTorchLayer.Node;
import dev.netwright.engine.export.PyTorchLayer.WeightMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PyTorch form of every layer kind, by type name (the code-export twin of the compiler's LayerCompilers and the
 * ONNX NodeEmitters). Modules are built with PyTorch's own layers where they compute what the platform's DJL blocks
 * compute, so parameter counts equal the designer's and trained weights load unchanged.
 */
final class PyTorchLayers {
    private static final Map<String, PyTorchLayer> BY_TYPE;

    static {
        Map<String, PyTorchLayer> m = new HashMap<>();
        // core
        m.put("Dense", new PyTorchLayer(n -> "nn.Linear(" + n.inFeatures() + ", " + n.integer("units")
                + bias(n) + ")", n -> activation(n, "activation", n.self() + "(" + n.input() + ")"), PyTorchLayers::linear));
        m.put("Activation", functional(n -> activation(n, "function", n.input())));
        m.put("Dropout", new PyTorchLayer(n -> "nn.Dropout(p=" + n.real("rate") + ")", PyTorchLayers::call,
                WeightMap.NONE));
        m.put("Flatten", new PyTorchLayer(n -> "nn.Flatten()", PyTorchLayers::call, WeightMap.NONE));
        m.put("Reshape", functional(n -> n.input() + ".reshape(" + n.input() + ".shape[0], "
                + joined(n.spec().outputShape().dims()) + ")"));
        // convolution
        m.put("Conv1D", convolution(1));
        m.put("Conv2D", convolution(2));
        m.put("ConvTranspose2D", new PyTorchLayer(n -> {
            LayerParams p = n.params();
            int[] k = perAxis(p, "kernelSize", 2);
            return "nn.ConvTranspose2d(" + n.inChannels() + ", " + n.integer("filters") + ", kernel_size="
                    + tuple(k) + ", stride=" + (n.bound("stride") ? n.integer("stride")
                    : tuple(perAxis(p, "stride", 2))) + ", padding="
                    + tuple(pads(p, k, new int[] {1, 1})) + ", output_padding=" + tuple(perAxis(p, "outputPadding", 2))
                    + bias(n) + ")";
        }, n -> activation(n, "activation", n.self() + "(" + n.input() + ")"), (block, spec, out) ->
                weightAndBias(Weights.find(block, TransposedConvolution2D.class), out)));
        m.put("MaxPool1D", pool(1, "nn.MaxPool1d"));
        m.put("AvgPool1D", pool(1, "nn.AvgPool1d"));
        m.put("MaxPool2D", pool(2, "nn.MaxPool2d"));
        m.put("AvgPool2D", pool(2, "nn.AvgPool2d"));
        m.put("GlobalAvgPool2D", functional(n -> n.input() + ".mean(dim=(2, 3))"));
        m.put("GlobalMaxPool2D", functional(n -> n.input() + ".amax(dim=(2, 3))"));
        m.put("Upsample2D", new PyTorchLayer(n -> "nn.Upsample(scale_factor=" + n.integer("scale")
                + ", mode=\"nearest\")", PyTorchLayers::call, WeightMap.NONE));
        // normalisation
        m.put("BatchNorm", new PyTorchLayer(PyTorchLayers::batchNorm, n -> {
            int axis = batchAxis(n.spec());
            return axis == 1 ? call(n) : n.self() + "(" + n.input() + ".transpose(1, " + axis + ")).transpose(1, "
                    + axis + ")";
        }, (block, spec, out) -> {
            Block norm = Weights.child(block, "norm");
            out.put("weight", Weights.required(norm, "gamma"));
            out.put("bias", Weights.required(norm, "beta"));
            out.put("running_mean", Weights.required(norm, "runningMean"));
            out.put("running_var", Weights.required(norm, "runningVar"));
        }));
        m.put("LayerNorm", new PyTorchLayer(n -> "nn.LayerNorm(" + n.inFeatures() + ", eps="
                + n.real("epsilon") + ")", PyTorchLayers::call, (block, spec, out) ->
                layerNorm(Weights.find(block, ai.djl.nn.norm.LayerNorm.class), "", out)));
        // recurrent
        m.put("SimpleRNN", recurrent("nn.RNN"));
        m.put("LSTM", recurrent("nn.LSTM"));
        m.put("GRU", recurrent("nn.GRU"));
        // attention
        m.put("Embedding", new PyTorchLayer(n -> "nn.Embedding(" + n.integer("vocabSize") + ", "
                + n.integer("dim") + ")", n -> n.self() + "(" + n.input() + ".long().clamp(0, "
                + (n.bound("vocabSize") ? n.integer("vocabSize") + " - 1" : n.params().integer("vocabSize") - 1)
                + "))  # ids arrive as floats", (block, spec, out) ->
                out.put("weight", Weights.required(block, "embedding"))));
        m.put("PositionalEncoding", new PyTorchLayer(n -> n.use(PyTorchHelper.POSITIONAL_ENCODING) + "("
                + n.integer("maxLength") + ", " + n.inFeatures() + ", learned="
                + py("learned".equals(n.params().string("kind"))) + ")", PyTorchLayers::call, (block, spec, out) -> {
                    Tensor t = Weights.parameter(block, "positions");
                    if (t != null) {
                        out.put("positions", t);
                    }
                }));
        m.put("MultiHeadAttention", new PyTorchLayer(n -> n.use(PyTorchHelper.SELF_ATTENTION) + "("
                + n.inFeatures() + ", " + n.integer("dim") + ", heads=" + n.integer("heads")
                + ", dropout=" + n.real("dropout") + ", causal=" + py(n.params().bool("causal")) + ")",
                PyTorchLayers::call, (block, spec, out) -> {
                    for (String part : List.of("query", "key", "value", "output")) {
                        linearInto(Weights.child(block, part), part + ".", out);
                    }
                }));
        m.put("TransformerEncoder", new PyTorchLayer(n -> "nn.TransformerEncoderLayer(d_model="
                + n.integer("dim") + ", nhead=" + n.integer("heads") + ", dim_feedforward="
                + n.integer("ffDim") + ", dropout=" + n.real("dropout") + ", activation=\""
                + n.params().string("activation") + "\", batch_first=True, norm_first="
                + py(n.params().bool("normFirst")) + ")", PyTorchLayers::call, PyTorchLayers::encoder));
        m.put("SequencePool", functional(n -> switch (n.params().string("mode")) {
            case "max" -> n.input() + ".amax(dim=1)";
            case "first" -> n.input() + "[:, 0]";
            case "last" -> n.input() + "[:, -1]";
            default -> n.input() + ".mean(dim=1)";
        }));
        // merges
        m.put("Add", functional(n -> String.join(" + ", n.inputs())));
        m.put("Multiply", functional(n -> String.join(" * ", n.inputs())));
        m.put("Concatenate", functional(n -> {
            int axis = n.params().integer("axis");
            return "torch.cat([" + String.join(", ", n.inputs()) + "], dim=" + (axis < 0 ? axis : axis + 1) + ")";
        }));
        BY_TYPE = Collections.unmodifiableMap(m);
    }

    private PyTorchLayers() {
    }

    static Optional<PyTorchLayer> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The layer types that can be written as PyTorch. */
    static Set<String> types() {
        return BY_TYPE.keySet();
    }

    private static PyTorchLayer functional(java.util.function.Function<Node, String> forward) {
        return new PyTorchLayer(n -> null, forward, WeightMap.NONE);
    }

    private static String call(Node n) {
        return n.self() + "(" + n.input() + ")";
    }

    /** The expression with the node's activation applied (the platform computes it inside the layer). */
    static String activation(Node n, String param, String x) {
        ActivationFunction f = ActivationFunction.of(n.params().string(param));
        return switch (f) {
            case LINEAR -> x;
            case RELU -> "torch.relu(" + x + ")";
            case LEAKY_RELU -> "F.leaky_relu(" + x + ", " + num(n.params().real("alpha")) + ")";
            case SIGMOID -> "torch.sigmoid(" + x + ")";
            case TANH -> "torch.tanh(" + x + ")";
            case SOFTMAX -> "torch.softmax(" + x + ", dim=-1)";
            case GELU -> "F.gelu(" + x + ")";
            case ELU -> "F.elu(" + x + ")";
            case SELU -> "F.selu(" + x + ")";
            case SILU -> "F.silu(" + x + ")";
            case SOFTPLUS -> "F.softplus(" + x + ")";
            case RELU6 -> "F.relu6(" + x + ")";
        };
    }

    private static PyTorchLayer convolution(int axes) {
        return new PyTorchLayer(n -> {
            LayerParams p = n.params();
            int[] k = perAxis(p, "kernelSize", axes);
            int[] d = perAxis(p, "dilation", axes);
            int[] s = perAxis(p, "stride", axes);
            int[] sides = sidePads(p, k, d);
            int[] pad = ConvolutionArithmetic.symmetric(sides) ? Arrays.copyOf(sides, axes) : new int[axes];
            StringBuilder c = new StringBuilder("nn.Conv" + axes + "d(" + n.inChannels() + ", "
                    + n.integer("filters") + ", kernel_size=" + tuple(k));
            if (n.bound("stride")) {
                c.append(", stride=").append(n.integer("stride")); // written for every value the argument takes
            } else if (Arrays.stream(s).anyMatch(v -> v != 1)) {
                c.append(", stride=").append(tuple(s));
            }
            if (Arrays.stream(pad).anyMatch(v -> v != 0)) {
                c.append(", padding=").append(tuple(pad));
            }
            if (Arrays.stream(d).anyMatch(v -> v != 1)) {
                c.append(", dilation=").append(tuple(d));
            }
            if (p.integer("groups") != 1) {
                c.append(", groups=").append(p.integer("groups"));
            }
            return c.append(bias(n)).append(")").toString();
        }, n -> {
            int[] sides = sidePads(n.params(), perAxis(n.params(), "kernelSize", axes),
                    perAxis(n.params(), "dilation", axes));
            String x = n.input();
            if (!ConvolutionArithmetic.symmetric(sides)) {
                // uneven padding: F.pad takes (begin, end) pairs from the last axis
                StringBuilder pairs = new StringBuilder();
                for (int a = axes - 1; a >= 0; a--) {
                    pairs.append(pairs.isEmpty() ? "" : ", ").append(sides[a]).append(", ").append(sides[a + axes]);
                }
                x = "F.pad(" + x + ", (" + pairs + "))";
            }
            return activation(n, "activation", n.self() + "(" + x + ")");
        }, (block, spec, out) ->
                weightAndBias(Weights.find(block, Convolution.class), out));
    }

    private static PyTorchLayer pool(int axes, String module) {
        return new PyTorchLayer(n -> {
            LayerParams p = n.params();
            int[] k = perAxis(p, "poolSize", axes);
            int[] stride;
            try {
                stride = p.perAxisOr("stride", axes, k);
            } catch (ShapeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            int[] ones = new int[axes];
            Arrays.fill(ones, 1);
            int[] pad = pads(p, k, ones);
            return module + "(kernel_size=" + tuple(k) + (Arrays.equals(stride, k) ? "" : ", stride=" + tuple(stride))
                    + (Arrays.stream(pad).allMatch(v -> v == 0) ? "" : ", padding=" + tuple(pad)) + ")";
        }, PyTorchLayers::call, WeightMap.NONE);
    }

    private static String batchNorm(Node n) {
        int rank = n.spec().input().rank();
        int axis = batchAxis(n.spec()) - 1;
        String channels = axis == 0 ? n.inChannels() : axis == rank - 1 ? n.inFeatures()
                : Integer.toString(n.spec().input().dim(axis));
        String module = switch (rank) {
            case 1, 2 -> "nn.BatchNorm1d";
            case 3 -> "nn.BatchNorm2d";
            case 4 -> "nn.BatchNorm3d";
            default -> throw new IllegalStateException("BatchNorm over samples of rank " + rank
                    + " has no PyTorch module");
        };
        return module + "(" + channels + ", eps=" + n.real("epsilon") + ", momentum="
                + n.real("momentum") + ")";
    }

    /** The normalised axis counted with the batch, as AxisBatchNorm swaps it to 1. */
    private static int batchAxis(LayerSpec spec) {
        int axis = spec.params().integer("axis");
        return (axis < 0 ? spec.input().rank() + axis : axis) + 1;
    }

    private static PyTorchLayer recurrent(String module) {
        return new PyTorchLayer(n -> {
            LayerParams p = n.params();
            StringBuilder c = new StringBuilder(module + "(" + n.inFeatures() + ", " + n.integer("units"));
            if (p.integer("layers") > 1) {
                c.append(", num_layers=").append(p.integer("layers"));
            }
            if (p.has("activation") && "relu".equals(p.string("activation"))) {
                c.append(", nonlinearity=\"relu\"");
            }
            c.append(", batch_first=True");
            if (p.bool("bidirectional")) {
                c.append(", bidirectional=True");
            }
            if (p.real("dropout") > 0) {
                c.append(", dropout=").append(num(p.real("dropout")));
            }
            return c.append(")").toString();
        }, n -> {
            String sequence = n.self() + "(" + n.input() + ")[0]";
            if (n.params().bool("returnSequences")) {
                return sequence;
            }
            return n.params().bool("bidirectional") ? n.use(PyTorchHelper.LAST_STEPS) + "(" + sequence + ", "
                    + n.integer("units") + ")" : sequence + "[:, -1]";
        }, PyTorchLayers::recurrentWeights);
    }

    /** DJL keeps PyTorch's gate order and layout; bidirectional stacks are one-directional layers per direction. */
    private static void recurrentWeights(Block block, LayerSpec spec, Map<String, Tensor> out) {
        int layers = spec.params().integer("layers");
        for (int l = 0; l < layers; l++) {
            if (spec.params().bool("bidirectional")) {
                recurrentLayer(Weights.child(block, "forward" + l), "l_0_", "_l" + l, out);
                recurrentLayer(Weights.child(block, "backward" + l), "l_0_", "_l" + l + "_reverse", out);
            } else {
                recurrentLayer(Weights.child(block, "stack"), "l_" + l + "_", "_l" + l, out);
            }
        }
    }

    private static void recurrentLayer(Block b, String prefix, String suffix, Map<String, Tensor> out) {
        out.put("weight_ih" + suffix, Weights.required(b, prefix + "i2h_WEIGHT"));
        out.put("weight_hh" + suffix, Weights.required(b, prefix + "h2h_WEIGHT"));
        out.put("bias_ih" + suffix, Weights.required(b, prefix + "i2h_BIAS"));
        out.put("bias_hh" + suffix, Weights.required(b, prefix + "h2h_BIAS"));
    }

    private static void encoder(Block block, LayerSpec spec, Map<String, Tensor> out) {
        Block attention = Weights.child(block, "attention");
        List<Block> qkv = List.of(Weights.child(attention, "query"), Weights.child(attention, "key"),
                Weights.child(attention, "value"));
        out.put("self_attn.in_proj_weight", Tensor.concatRows(qkv.stream()
                .map(b -> Weights.required(b, "weight")).toList()));
        out.put("self_attn.in_proj_bias", Tensor.concatRows(qkv.stream().map(b -> Weights.required(b, "bias")).toList()));
        linearInto(Weights.child(attention, "output"), "self_attn.out_proj.", out);
        linearInto(Weights.child(block, "feedForward1"), "linear1.", out);
        linearInto(Weights.child(block, "feedForward2"), "linear2.", out);
        layerNorm(Weights.child(block, "norm1"), "norm1.", out);
        layerNorm(Weights.child(block, "norm2"), "norm2.", out);
    }

    private static void linear(Block block, LayerSpec spec, Map<String, Tensor> out) {
        linearInto(Weights.find(block, ai.djl.nn.core.Linear.class), "", out);
    }

    private static void linearInto(Block linear, String prefix, Map<String, Tensor> out) {
        out.put(prefix + "weight", Weights.required(linear, "weight"));
        Tensor b = Weights.parameter(linear, "bias");
        if (b != null) {
            out.put(prefix + "bias", b);
        }
    }

    private static void layerNorm(Block norm, String prefix, Map<String, Tensor> out) {
        out.put(prefix + "weight", Weights.required(norm, "gamma"));
        out.put(prefix + "bias", Weights.required(norm, "beta"));
    }

    private static void weightAndBias(Block layer, Map<String, Tensor> out) {
        linearInto(layer, "", out);
    }

    private static String bias(Node n) {
        return n.params().bool("useBias") ? "" : ", bias=False";
    }

    private static int[] sidePads(LayerParams p, int[] kernel, int[] dilation) {
        return ConvolutionArithmetic.sidePads(p.string("padding"), p.has("pads") ? p.intList("pads") : null, kernel,
                dilation);
    }

    /** Symmetric padding per axis, as the compiler applies it. */
    private static int[] pads(LayerParams p, int[] kernel, int[] dilation) {
        int[] pad = new int[kernel.length];
        for (int a = 0; a < kernel.length; a++) {
            pad[a] = ConvolutionArithmetic.padding(p.string("padding"), kernel[a], dilation[a]);
        }
        return pad;
    }

    private static int[] perAxis(LayerParams p, String name, int axes) {
        try {
            return p.perAxis(name, axes);
        } catch (ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e); // analysis already rejected such designs
        }
    }

    /** One value when all axes agree ({@code 3}), a tuple otherwise ({@code (3, 1)}). */
    static String tuple(int[] values) {
        if (Arrays.stream(values).allMatch(v -> v == values[0])) {
            return Integer.toString(values[0]);
        }
        return "(" + joined(values) + ")";
    }

    static String joined(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (long) v + ".0" : Double.toString(v);
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
