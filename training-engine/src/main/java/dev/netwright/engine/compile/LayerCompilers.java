package dev.netwright.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.ConvolutionArithmetic;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.engine.compile.blocks.AxisBatchNorm;
import dev.netwright.engine.compile.blocks.MultiHeadSelfAttention;
import dev.netwright.engine.compile.blocks.PositionalEncodingBlock;
import dev.netwright.engine.compile.blocks.RecurrentLayer;
import dev.netwright.engine.compile.blocks.TokenEmbedding;
import dev.netwright.engine.compile.blocks.TransformerEncoderLayer;
import dev.netwright.engine.compile.blocks.TransposedConvolution2D;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DJL construction of every layer kind, registered by type name. A test checks that every kind in the
 * designer's catalog has one here and that the parameters DJL instantiates equal the designer's count.
 */
final class LayerCompilers {
    private static final Map<String, LayerCompiler> BY_TYPE;

    static {
        Map<String, LayerCompiler> m = new HashMap<>();
        // core
        m.put("Dense", s -> withActivation(s, Linear.builder().setUnits(s.params().integer("units"))
                .optBias(s.params().bool("useBias")).build()));
        m.put("Activation", s -> activation(s, "function"));
        m.put("Dropout", s -> Dropout.builder().optRate((float) s.params().real("rate")).build());
        m.put("Flatten", s -> Blocks.batchFlattenBlock());
        m.put("Reshape", s -> reshape(s.outputShape().dims()));
        // convolution
        m.put("Conv1D", s -> withActivation(s, convolution(s, 1)));
        m.put("Conv2D", s -> withActivation(s, convolution(s, 2)));
        m.put("ConvTranspose2D", s -> withActivation(s, transposedConvolution(s)));
        m.put("MaxPool1D", s -> pool(s, 1, false));
        m.put("AvgPool1D", s -> pool(s, 1, true));
        m.put("MaxPool2D", s -> pool(s, 2, false));
        m.put("AvgPool2D", s -> pool(s, 2, true));
        m.put("GlobalAvgPool2D", s -> Pool.globalAvgPool2dBlock());
        m.put("GlobalMaxPool2D", s -> Pool.globalMaxPool2dBlock());
        m.put("Upsample2D", s -> {
            long scale = s.params().integer("scale");
            return single(x -> x.repeat(2, scale).repeat(3, scale), "upsample");
        });
        // normalisation
        m.put("BatchNorm", s -> new AxisBatchNorm(s.params().integer("axis"), s.input().rank(),
                (float) s.params().real("momentum"), (float) s.params().real("epsilon")));
        m.put("LayerNorm", s -> LayerNorm.builder().axis(s.input().rank()).optEpsilon((float) s.params().real("epsilon")).build());
        // recurrent
        m.put("SimpleRNN", s -> recurrent(s, "relu".equals(s.params().string("activation"))
                ? RecurrentLayer.Cell.SIMPLE_RELU : RecurrentLayer.Cell.SIMPLE_TANH));
        m.put("LSTM", s -> recurrent(s, RecurrentLayer.Cell.LSTM));
        m.put("GRU", s -> recurrent(s, RecurrentLayer.Cell.GRU));
        // attention
        m.put("Embedding", s -> new TokenEmbedding(s.params().integer("vocabSize"), s.params().integer("dim")));
        m.put("PositionalEncoding", s -> new PositionalEncodingBlock("learned".equals(s.params().string("kind")),
                s.params().integer("maxLength"), s.input().last()));
        m.put("MultiHeadAttention", s -> new MultiHeadSelfAttention(s.params().integer("heads"),
                s.params().integer("dim"), (float) s.params().real("dropout"), s.params().bool("causal")));
        m.put("TransformerEncoder", s -> new TransformerEncoderLayer(s.params().integer("heads"),
                s.params().integer("dim"), s.params().integer("ffDim"), (float) s.params().real("dropout"),
                s.params().bool("normFirst"), "gelu".equals(s.params().string("activation"))));
        m.put("SequencePool", s -> switch (s.params().string("mode")) {
            case "max" -> single(x -> x.max(new int[] {1}), "sequenceMax");
            case "first" -> single(x -> x.get(":, 0, :"), "sequenceFirst");
            case "last" -> single(x -> x.get(":, -1, :"), "sequenceLast");
            default -> single(x -> x.mean(new int[] {1}), "sequenceMean");
        });
        // merges
        m.put("Add", s -> new LambdaBlock(list -> {
            NDArray sum = list.get(0);
            for (int i = 1; i < list.size(); i++) {
                sum = sum.add(list.get(i));
            }
            return new NDList(sum);
        }, "add"));
        m.put("Multiply", s -> new LambdaBlock(list -> {
            NDArray product = list.get(0);
            for (int i = 1; i < list.size(); i++) {
                product = product.mul(list.get(i));
            }
            return new NDList(product);
        }, "multiply"));
        m.put("Concatenate", s -> {
            int axis = s.params().integer("axis");
            int batchAxis = axis < 0 ? axis : axis + 1;
            return new LambdaBlock(list -> new NDList(NDArrays.concat(list, batchAxis)), "concatenate");
        });
        BY_TYPE = Collections.unmodifiableMap(m);
    }

    private LayerCompilers() {
    }

    public static Optional<LayerCompiler> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static java.util.Set<String> types() {
        return BY_TYPE.keySet();
    }

    private static Block single(Function<NDArray, NDArray> f, String name) {
        return new LambdaBlock(list -> new NDList(f.apply(list.singletonOrThrow())), name);
    }

    private static Block reshape(int[] sampleShape) {
        return single(x -> {
            long[] dims = new long[sampleShape.length + 1];
            dims[0] = x.getShape().get(0);
            for (int i = 0; i < sampleShape.length; i++) {
                dims[i + 1] = sampleShape[i];
            }
            return x.reshape(new Shape(dims));
        }, "reshape");
    }

    private static Block activation(LayerSpec s, String param) {
        ActivationFunction f = ActivationFunction.of(s.params().string(param));
        if (s.skipActivation()) {
            return single(x -> x, "identity");
        }
        return Activations.block(f, (float) s.params().real("alpha"));
    }

    /** The layer followed by its {@code activation} parameter, unless linear or folded into the loss. */
    private static Block withActivation(LayerSpec s, Block layer) {
        ActivationFunction f = ActivationFunction.of(s.params().string("activation"));
        if (f == ActivationFunction.LINEAR || s.skipActivation()) {
            return layer;
        }
        return new SequentialBlock().add(layer).add(Activations.block(f, (float) s.params().real("alpha")));
    }

    private static Shape shape(int[] values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return new Shape(l);
    }

    private static int[] perAxis(LayerParams p, String name, int axes) {
        try {
            return p.perAxis(name, axes);
        } catch (dev.netwright.designer.catalog.ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e); // analysis already rejected such designs
        }
    }

    private static int[] padding(LayerParams p, int[] kernel, int[] dilation) {
        int[] pad = new int[kernel.length];
        for (int a = 0; a < kernel.length; a++) {
            pad[a] = ConvolutionArithmetic.padding(p.string("padding"), kernel[a], dilation[a]);
        }
        return pad;
    }

    private static Block convolution(LayerSpec s, int axes) {
        LayerParams p = s.params();
        int[] k = perAxis(p, "kernelSize", axes);
        int[] d = perAxis(p, "dilation", axes);
        int[] st = perAxis(p, "stride", axes);
        int[] sides = ConvolutionArithmetic.sidePads(p.string("padding"),
                p.has("pads") ? p.intList("pads") : null, k, d);
        boolean symmetric = ConvolutionArithmetic.symmetric(sides);
        int[] pad = symmetric ? java.util.Arrays.copyOf(sides, axes) : new int[axes];
        int groups = p.integer("groups");
        Block conv = axes == 1
                ? Conv1d.builder().setFilters(p.integer("filters")).setKernelShape(shape(k)).optStride(shape(st))
                .optPadding(shape(pad)).optDilation(shape(d)).optGroups(groups).optBias(p.bool("useBias")).build()
                : Conv2d.builder().setFilters(p.integer("filters")).setKernelShape(shape(k)).optStride(shape(st))
                .optPadding(shape(pad)).optDilation(shape(d)).optGroups(groups).optBias(p.bool("useBias")).build();
        if (symmetric) {
            return conv;
        }
        // DJL pads both ends alike: uneven padding is added with zeros first (pairs from the last axis, as torch's pad)
        long[] pairs = new long[2 * axes];
        for (int a = 0; a < axes; a++) {
            pairs[2 * (axes - 1 - a)] = sides[a];
            pairs[2 * (axes - 1 - a) + 1] = sides[a + axes];
        }
        return new SequentialBlock().add(single(x -> x.pad(new Shape(pairs), 0f), "pad")).add(conv);
    }

    private static Block transposedConvolution(LayerSpec s) {
        LayerParams p = s.params();
        int[] k = perAxis(p, "kernelSize", 2);
        int[] pad = padding(p, k, new int[] {1, 1});
        return new TransposedConvolution2D(p.integer("filters"), k, perAxis(p, "stride", 2), pad,
                perAxis(p, "outputPadding", 2), p.bool("useBias"));
    }

    private static Block pool(LayerSpec s, int axes, boolean average) {
        LayerParams p = s.params();
        int[] k = perAxis(p, "poolSize", axes);
        int[] st;
        try {
            st = p.perAxisOr("stride", axes, k);
        } catch (dev.netwright.designer.catalog.ShapeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int[] ones = new int[axes];
        java.util.Arrays.fill(ones, 1);
        Shape kernel = shape(k);
        Shape stride = shape(st);
        Shape pad = shape(padding(p, k, ones));
        if (axes == 1) {
            return average ? Pool.avgPool1dBlock(kernel, stride, pad, false, false)
                    : Pool.maxPool1dBlock(kernel, stride, pad, false);
        }
        return average ? Pool.avgPool2dBlock(kernel, stride, pad, false, false)
                : Pool.maxPool2dBlock(kernel, stride, pad, false);
    }

    private static Block recurrent(LayerSpec s, RecurrentLayer.Cell cell) {
        LayerParams p = s.params();
        return new RecurrentLayer(cell, p.integer("units"), p.integer("layers"), p.bool("bidirectional"),
                p.bool("returnSequences"), (float) p.real("dropout"));
    }
}
