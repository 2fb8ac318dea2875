package dev.netwright.designer.catalog;

import static dev.netwright.designer.catalog.ConvolutionArithmetic.axisName;
import static dev.netwright.designer.catalog.ConvolutionArithmetic.convOutput;
import static dev.netwright.designer.catalog.ConvolutionArithmetic.padding;

import dev.netwright.designer.model.Shape;
import java.util.List;

import static dev.netwright.designer.catalog.LayerExample.IMAGE;
import static dev.netwright.designer.catalog.LayerExample.SEQUENCE;
import static dev.netwright.designer.catalog.LayerExample.of;

/** Convolutions, transposed convolution, pooling and up-sampling over [channels, ...spatial] samples. */
final class ConvolutionLayers {
    private ConvolutionLayers() {
    }

    private static final List<String> PADDINGS = List.of(ConvolutionArithmetic.VALID, ConvolutionArithmetic.SAME);
    private static final List<String> CONV_PADDINGS = List.of(ConvolutionArithmetic.VALID, ConvolutionArithmetic.SAME,
            ConvolutionArithmetic.EXPLICIT);

    static List<LayerKind> all() {
        return List.of(
                new Conv(1).withExamples(of(SEQUENCE, "filters", 4, "kernelSize", 3, "padding", "same"),
                        of(SEQUENCE, "filters", 4, "kernelSize", 2, "stride", 2, "dilation", 2),
                        of(SEQUENCE, "filters", 10, "kernelSize", 3, "groups", 2, "padding", "explicit",
                                "pads", List.of(2, 0))),
                new Conv(2).withExamples(of(IMAGE, "filters", 5, "kernelSize", 3, "stride", 2, "padding", "same",
                                "activation", "relu"),
                        of(IMAGE, "filters", 2, "kernelSize", List.of(3, 1), "dilation", 2, "useBias", false),
                        of(IMAGE, "filters", 6, "kernelSize", 3, "groups", 3, "padding", "explicit",
                                "pads", List.of(0, 1, 2, 1), "activation", "relu6"),
                        of(IMAGE, "filters", 3, "kernelSize", 3, "groups", 3, "stride", 2, "padding", "explicit",
                                "pads", List.of(1, 1, 1, 1))),
                new ConvTranspose2D().withExamples(of(IMAGE, "filters", 4, "kernelSize", 4, "stride", 2,
                                "padding", "same"),
                        of(IMAGE, "filters", 2, "kernelSize", 3, "stride", 2, "padding", "same", "outputPadding", 1,
                                "activation", "tanh")),
                new Pool("MaxPool1D", 1, "Keeps the largest value of each window along the sequence", false)
                        .withExamples(of(SEQUENCE, "poolSize", 2)),
                new Pool("AvgPool1D", 1, "Averages each window along the sequence", true)
                        .withExamples(of(SEQUENCE, "poolSize", 3, "stride", 1, "padding", "same")),
                new Pool("MaxPool2D", 2, "Keeps the largest value of each window of an image", false)
                        .withExamples(of(IMAGE, "poolSize", 3, "stride", 2, "padding", "same")),
                new Pool("AvgPool2D", 2, "Averages each window of an image", true)
                        .withExamples(of(IMAGE, "poolSize", 2), of(IMAGE, "poolSize", 3, "stride", 2, "padding", "same")),
                new GlobalPool("GlobalAvgPool2D", "Averages each channel over the whole image: [C, H, W] to [C]")
                        .withExamples(of(IMAGE)),
                new GlobalPool("GlobalMaxPool2D", "Largest value of each channel: [C, H, W] to [C]")
                        .withExamples(of(IMAGE)),
                new Upsample2D().withExamples(of(IMAGE, "scale", 2)));
    }

    private static String spatialShape(int axes) {
        return axes == 1 ? "a sequence [channels, length]" : "an image [channels, height, width]";
    }

    private static String spatialHint(int axes) {
        return axes == 1 ? "add a Reshape to [channels, length] before it"
                : "add a Reshape to [channels, height, width] before it (e.g. [1, 28, 28])";
    }

    /** in × out × kernel dims (+ out for the bias). */
    private static String kernelFormula(String channels, LayerParams p, int axes) {
        StringBuilder f = new StringBuilder(channels);
        try {
            for (int k : p.perAxis("kernelSize", axes)) {
                f.append(" × ").append(k);
            }
        } catch (ShapeException e) {
            return "";
        }
        return p.bool("useBias") ? f + " + " + p.integer("filters") : f.toString();
    }

    static final class Conv extends BaseLayerKind {
        private final int axes;

        Conv(int axes) {
            super("Conv" + axes + "D", LayerCategory.CONVOLUTION,
                    axes == 1 ? "Slides learned filters along a sequence [channels, length]"
                            : "Slides learned filters over an image [channels, height, width]", 1, 1,
                    ParamSpec.integer("filters", 32, 1, 1 << 16, "number of output channels"),
                    ParamSpec.perAxis("kernelSize", 3, 1, "window size per spatial axis"),
                    ParamSpec.perAxis("stride", 1, 1, "step between windows"),
                    ParamSpec.choice("padding", ConvolutionArithmetic.VALID, CONV_PADDINGS,
                            "valid: no padding; same: keep the size (stride 1), needs an odd dilated kernel;"
                                    + " explicit: the pads parameter"),
                    ParamSpec.perAxis("dilation", 1, 1, "spacing between kernel taps"),
                    activationParam("linear"), alphaParam(), useBiasParam(),
                    ParamSpec.integer("groups", 1, 1, 1 << 16, "channel groups convolved separately; equal to the"
                            + " input channels and filters for a depthwise convolution; must divide both"),
                    new ParamSpec("pads", ParamType.INT_LIST, null, true, 0d, null, false, null,
                            "with padding 'explicit': zeros added before each spatial axis, then after each (ONNX"
                                    + " order), e.g. [0, 0, 1, 1] adds a row below and a column right"));
            this.axes = axes;
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, spatialShape(axes), spatialHint(axes), axes + 1);
            int[] k = p.perAxis("kernelSize", axes);
            int[] s = p.perAxis("stride", axes);
            int[] d = p.perAxis("dilation", axes);
            String mode = p.string("padding");
            int[] out = new int[axes + 1];
            out[0] = p.integer("filters");
            int groups = p.integer("groups");
            if (in.dim(0) % groups != 0 || out[0] % groups != 0) {
                throw new ShapeException("groups " + groups + " must divide the input's " + in.dim(0)
                        + " channels and the " + out[0] + " filters", "use a common divisor of both (1 for an"
                        + " ordinary convolution)", "groups");
            }
            int[] sides = explicitPads(p, axes);
            for (int a = 0; a < axes; a++) {
                int effective = d[a] * (k[a] - 1) + 1;
                if (ConvolutionArithmetic.SAME.equals(mode) && effective % 2 == 0) {
                    throw new ShapeException("padding 'same' needs an odd dilated kernel size, but kernelSize "
                            + k[a] + " with dilation " + d[a] + " spans " + effective + " on the " + axisName(a, axes),
                            "use an odd kernelSize (e.g. 3 or 5) or padding 'valid'", "kernelSize");
                }
                int size = sides != null ? ConvolutionArithmetic.convOutput(in.dim(a + 1), k[a], s[a], sides[a],
                        sides[a + axes], d[a]) : convOutput(in.dim(a + 1), k[a], s[a], padding(mode, k[a], d[a]), d[a]);
                if (size < 1) {
                    throw new ShapeException("the " + effective + "-wide kernel does not fit the input " + axisName(a, axes)
                            + " of " + in.dim(a + 1) + " (input " + in + ")",
                            "use a smaller kernelSize, padding 'same', or fewer pooling layers before it", "kernelSize");
                }
                out[a + 1] = size;
            }
            return Shape.of(out);
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            long channels = inputs.get(0).dim(0);
            long filters = p.integer("filters");
            long kernel;
            try {
                kernel = product(p.perAxis("kernelSize", axes));
            } catch (ShapeException e) {
                return LayerCost.FREE;
            }
            long perGroup = channels / p.integer("groups");
            long params = filters * perGroup * kernel + (p.bool("useBias") ? filters : 0);
            return new LayerCost(params, 0, output.elements() * perGroup * kernel);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            int groups = p.integer("groups");
            String channels = groups == 1 ? String.valueOf(inputs.get(0).dim(0))
                    : "(" + inputs.get(0).dim(0) + " / " + groups + ")";
            return kernelFormula(channels + " × " + p.integer("filters"), p, axes);
        }

        /** The pads of padding 'explicit' (2 per axis, checked), or null for the other modes. */
        private int[] explicitPads(LayerParams p, int axes) throws ShapeException {
            if (!ConvolutionArithmetic.EXPLICIT.equals(p.string("padding"))) {
                return null;
            }
            if (!p.has("pads")) {
                throw new ShapeException("padding 'explicit' needs the pads parameter",
                        "set pads to " + 2 * axes + " values: the begin of each spatial axis, then the end", "pads");
            }
            List<Integer> pads = p.intList("pads");
            if (pads.size() != 2 * axes) {
                throw new ShapeException("pads has " + pads.size() + " values but " + type() + " needs " + 2 * axes,
                        "give the begin of each spatial axis, then the end", "pads");
            }
            return pads.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static final class ConvTranspose2D extends BaseLayerKind {
        ConvTranspose2D() {
            super("ConvTranspose2D", LayerCategory.CONVOLUTION,
                    "Learned up-sampling (transposed convolution) of an image [channels, height, width]", 1, 1,
                    ParamSpec.integer("filters", 32, 1, 1 << 16, "number of output channels"),
                    ParamSpec.perAxis("kernelSize", 3, 1, "window size per spatial axis"),
                    ParamSpec.perAxis("stride", 1, 1, "up-sampling factor"),
                    ParamSpec.choice("padding", ConvolutionArithmetic.VALID, PADDINGS,
                            "same: crop floor((kernelSize - 1) / 2) on each side; kernel 4 stride 2 doubles the size"),
                    ParamSpec.perAxis("outputPadding", 0, 0, "extra rows/columns added on one side; below the stride"),
                    activationParam("linear"), alphaParam(), useBiasParam());
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, spatialShape(2), spatialHint(2), 3);
            int[] k = p.perAxis("kernelSize", 2);
            int[] s = p.perAxis("stride", 2);
            int[] op = p.perAxis("outputPadding", 2);
            int[] out = {p.integer("filters"), 0, 0};
            for (int a = 0; a < 2; a++) {
                if (op[a] >= s[a]) {
                    throw new ShapeException("outputPadding " + op[a] + " must be smaller than the stride " + s[a],
                            "lower outputPadding or raise stride", "outputPadding");
                }
                int size = ConvolutionArithmetic.transposedOutput(in.dim(a + 1), k[a], s[a],
                        padding(p.string("padding"), k[a], 1), 1, op[a]);
                if (size < 1) {
                    throw new ShapeException("output " + axisName(a, 2) + " would be " + size,
                            "use a larger kernelSize or stride, or padding 'valid'", "kernelSize");
                }
                out[a + 1] = size;
            }
            return Shape.of(out);
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            Shape in = inputs.get(0);
            long filters = p.integer("filters");
            long kernel;
            try {
                kernel = product(p.perAxis("kernelSize", 2));
            } catch (ShapeException e) {
                return LayerCost.FREE;
            }
            long params = in.dim(0) * filters * kernel + (p.bool("useBias") ? filters : 0);
            return new LayerCost(params, 0, in.elements() * filters * kernel);
        }

        @Override
        public String parameterFormula(List<Shape> inputs, Shape output, LayerParams p) {
            return kernelFormula(inputs.get(0).dim(0) + " × " + p.integer("filters"), p, 2);
        }
    }

    static final class Pool extends BaseLayerKind {
        private final int axes;
        private final boolean average;

        Pool(String type, int axes, String description, boolean average) {
            super(type, LayerCategory.CONVOLUTION, description, 1, 1,
                    ParamSpec.perAxis("poolSize", 2, 1, "window size per spatial axis"),
                    ParamSpec.optionalPerAxis("stride", 1, "step between windows; defaults to poolSize"),
                    ParamSpec.choice("padding", ConvolutionArithmetic.VALID, PADDINGS,
                            "same: pad floor((poolSize - 1) / 2) on each side"));
            this.axes = axes;
            this.average = average;
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, spatialShape(axes), spatialHint(axes), axes + 1);
            int[] k = p.perAxis("poolSize", axes);
            int[] s = p.perAxisOr("stride", axes, k);
            int[] out = new int[axes + 1];
            out[0] = in.dim(0);
            for (int a = 0; a < axes; a++) {
                int size = convOutput(in.dim(a + 1), k[a], s[a], padding(p.string("padding"), k[a], 1), 1);
                if (size < 1) {
                    throw new ShapeException("the pooling window " + k[a] + " is larger than the input "
                            + axisName(a, axes) + " of " + in.dim(a + 1) + " (input " + in + ")",
                            "use a smaller poolSize or remove a pooling layer before it", "poolSize");
                }
                out[a + 1] = size;
            }
            return Shape.of(out);
        }

        @Override
        public LayerCost cost(List<Shape> inputs, Shape output, LayerParams p) {
            if (!average) {
                return LayerCost.FREE;
            }
            try {
                return LayerCost.compute(output.elements() * product(p.perAxis("poolSize", axes)));
            } catch (ShapeException e) {
                return LayerCost.FREE;
            }
        }
    }

    static final class GlobalPool extends BaseLayerKind {
        GlobalPool(String type, String description) {
            super(type, LayerCategory.CONVOLUTION, description, 1, 1);
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            return Shape.of(input(inputs, spatialShape(2), spatialHint(2), 3).dim(0));
        }
    }

    static final class Upsample2D extends BaseLayerKind {
        Upsample2D() {
            super("Upsample2D", LayerCategory.CONVOLUTION,
                    "Enlarges an image by repeating each pixel (nearest neighbour)", 1, 1,
                    ParamSpec.integer("scale", 2, 1, 64, "factor applied to height and width"));
        }

        @Override
        public Shape outputShape(List<Shape> inputs, LayerParams p) throws ShapeException {
            Shape in = input(inputs, spatialShape(2), spatialHint(2), 3);
            int s = p.integer("scale");
            return Shape.of(in.dim(0), in.dim(1) * s, in.dim(2) * s);
        }
    }
}
