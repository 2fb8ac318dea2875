package dev.netwright.engine.export;

import dev.netwright.designer.catalog.ConvolutionArithmetic;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.catalog.ShapeException;
import dev.netwright.engine.export.OnnxGraph.Attr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Convolutions, transposed convolution, pooling and up-sampling; padding follows the compiler's symmetric rule. */
final class ConvolutionEmitters {
    private ConvolutionEmitters() {
    }

    static void register(Map<String, NodeEmitter> m) {
        m.put("Conv1D", c -> CoreEmitters.withActivation(c, convolution(c, 1)));
        m.put("Conv2D", c -> CoreEmitters.withActivation(c, convolution(c, 2)));
        m.put("ConvTranspose2D", c -> CoreEmitters.withActivation(c, transposed(c)));
        m.put("MaxPool1D", c -> pool(c, 1, "MaxPool"));
        m.put("AvgPool1D", c -> pool(c, 1, "AveragePool"));
        m.put("MaxPool2D", c -> pool(c, 2, "MaxPool"));
        m.put("AvgPool2D", c -> pool(c, 2, "AveragePool"));
        // DJL's global pools drop the 1x1 spatial axes
        m.put("GlobalAvgPool2D", c -> c.graph().op("Flatten", c.graph().op("GlobalAveragePool", c.input()),
                Attr.i("axis", 1)));
        m.put("GlobalMaxPool2D", c -> c.graph().op("Flatten", c.graph().op("GlobalMaxPool", c.input()),
                Attr.i("axis", 1)));
        m.put("Upsample2D", ConvolutionEmitters::upsample);
    }

    private static String convolution(EmitContext c, int axes) {
        LayerParams p = c.params();
        int[] k = perAxis(p, "kernelSize", axes);
        int[] d = perAxis(p, "dilation", axes);
        OnnxGraph g = c.graph();
        List<String> in = weightAndBias(c);
        return g.op("Conv", in, Attr.ints("kernel_shape", k), Attr.ints("strides", perAxis(p, "stride", axes)),
                Attr.ints("dilations", d), Attr.ints("pads", ConvolutionArithmetic.sidePads(p.string("padding"),
                        p.has("pads") ? p.intList("pads") : null, k, d)), Attr.i("group", p.integer("groups")));
    }

    private static String transposed(EmitContext c) {
        LayerParams p = c.params();
        int[] k = perAxis(p, "kernelSize", 2);
        // ONNX ConvTranspose keeps PyTorch's [in, out, kh, kw] weight layout, the one our block uses
        return c.graph().op("ConvTranspose", weightAndBias(c), Attr.ints("kernel_shape", k),
                Attr.ints("strides", perAxis(p, "stride", 2)), Attr.ints("pads", pads(p, k, new int[] {1, 1})),
                Attr.ints("output_padding", perAxis(p, "outputPadding", 2)));
    }

    private static List<String> weightAndBias(EmitContext c) {
        // the layer may sit in a sequence behind its zero padding or before its activation
        Class<? extends ai.djl.nn.Block> type = c.spec().type().equals("ConvTranspose2D")
                ? dev.netwright.engine.compile.blocks.TransposedConvolution2D.class
                : ai.djl.nn.convolutional.Convolution.class;
        ai.djl.nn.Block layer = Weights.find(c.block(), type);
        List<String> in = new ArrayList<>(List.of(c.input(), Weights.required(layer, "weight").add(c.graph(), "weight")));
        Tensor b = Weights.parameter(layer, "bias");
        if (b != null) {
            in.add(b.add(c.graph(), "bias"));
        }
        return in;
    }

    private static String pool(EmitContext c, int axes, String op) {
        LayerParams p = c.params();
        int[] k = perAxis(p, "poolSize", axes);
        int[] stride;
        try {
            stride = p.perAxisOr("stride", axes, k);
        } catch (ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int[] ones = new int[axes];
        Arrays.fill(ones, 1);
        List<Attr> attrs = new ArrayList<>(List.of(Attr.ints("kernel_shape", k), Attr.ints("strides", stride),
                Attr.ints("pads", pads(p, k, ones))));
        if (op.equals("AveragePool")) {
            attrs.add(Attr.i("count_include_pad", 1)); // DJL's PyTorch pools average over the padding too, whatever countIncludePad says (measured)
        }
        return c.graph().op(op, List.of(c.input()), attrs.toArray(Attr[]::new));
    }

    /** Nearest-neighbour up-sampling: every pixel repeated scale x scale times, as DJL's repeat does. */
    private static String upsample(EmitContext c) {
        float s = c.params().integer("scale");
        OnnxGraph g = c.graph();
        return g.op("Resize", List.of(c.input(), "", g.floats("scales", new float[] {1, 1, s, s}, 4)),
                Attr.s("mode", "nearest"), Attr.s("coordinate_transformation_mode", "asymmetric"),
                Attr.s("nearest_mode", "floor"));
    }

    /** ONNX pads: begin values for every axis, then end values; the compiler pads symmetrically. */
    private static int[] pads(LayerParams p, int[] kernel, int[] dilation) {
        int[] pads = new int[kernel.length * 2];
        for (int a = 0; a < kernel.length; a++) {
            int pad = ConvolutionArithmetic.padding(p.string("padding"), kernel[a], dilation[a]);
            pads[a] = pad;
            pads[a + kernel.length] = pad;
        }
        return pads;
    }

    private static int[] perAxis(LayerParams p, String name, int axes) {
        try {
            return p.perAxis(name, axes);
        } catch (ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e); // analysis already rejected such designs
        }
    }
}
