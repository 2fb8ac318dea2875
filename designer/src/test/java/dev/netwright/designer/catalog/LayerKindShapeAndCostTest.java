package dev.netwright.designer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every layer kind against hand-computed shapes, parameter counts (PyTorch conventions) and multiply-adds. */
class LayerKindShapeAndCostTest {
    private static final LayerCatalog CATALOG = LayerCatalog.standard();

    /** Output shape and cost of one layer on given inputs, with parameters checked as the analyzer does. */
    private record Result(Shape shape, LayerCost cost) {
    }

    private static Result run(String type, List<Shape> inputs, Object... params) throws ShapeException {
        LayerKind kind = CATALOG.find(type).orElseThrow();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            raw.put((String) params[i], params[i + 1]);
        }
        LayerCatalog.CheckedParams checked = CATALOG.check(kind, raw);
        assertThat(checked.issues()).as("parameter issues").isEmpty();
        Shape out = kind.outputShape(inputs, checked.params());
        return new Result(out, kind.cost(inputs, out, checked.params()));
    }

    private static Result run(String type, Shape input, Object... params) throws ShapeException {
        return run(type, List.of(input), params);
    }

    private static List<ShapeException> failure(String type, Shape input, Object... params) {
        try {
            run(type, input, params);
        } catch (ShapeException e) {
            return List.of(e);
        }
        throw new AssertionError(type + " accepted " + input + " " + Arrays.toString(params));
    }

    @Test
    void inputIsItsShape() throws Exception {
        assertThat(run("Input", List.of(), "shape", List.of(1, 28, 28)).shape()).isEqualTo(Shape.of(1, 28, 28));
    }

    @Test
    void denseOnVectorsAndSequences() throws Exception {
        Result r = run("Dense", Shape.of(784), "units", 16);
        assertThat(r.shape()).isEqualTo(Shape.of(16));
        assertThat(r.cost()).isEqualTo(new LayerCost(784 * 16 + 16, 0, 784 * 16));
        assertThat(run("Dense", Shape.of(784), "units", 16, "useBias", false).cost().trainableParams()).isEqualTo(12544);
        Result seq = run("Dense", Shape.of(10, 32), "units", 8);
        assertThat(seq.shape()).isEqualTo(Shape.of(10, 8));
        assertThat(seq.cost()).isEqualTo(new LayerCost(32 * 8 + 8, 0, 10 * 32 * 8));
    }

    @Test
    void denseOnImagesSaysAddFlatten() {
        ShapeException e = failure("Dense", Shape.of(16, 5, 5), "units", 10).get(0);
        assertThat(e.getMessage()).contains("[16, 5, 5]");
        assertThat(e.hint()).contains("Flatten");
    }

    @Test
    void shapePreservingLayers() throws Exception {
        for (String type : List.of("Activation", "Dropout")) {
            Result r = run(type, Shape.of(3, 8, 8));
            assertThat(r.shape()).isEqualTo(Shape.of(3, 8, 8));
            assertThat(r.cost().totalParams()).isZero();
        }
    }

    @Test
    void flattenAndReshape() throws Exception {
        assertThat(run("Flatten", Shape.of(6, 5, 5)).shape()).isEqualTo(Shape.of(150));
        assertThat(run("Reshape", Shape.of(784), "shape", List.of(1, 28, 28)).shape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(run("Reshape", Shape.of(784), "shape", List.of(-1, 28)).shape()).isEqualTo(Shape.of(28, 28));
        ShapeException e = failure("Reshape", Shape.of(784), "shape", List.of(27, 28)).get(0);
        assertThat(e.getMessage()).contains("784").contains("756");
        assertThat(e.param()).isEqualTo("shape");
    }

    @Test
    void conv2dArithmetic() throws Exception {
        Result valid = run("Conv2D", Shape.of(3, 32, 32), "filters", 16, "kernelSize", 3);
        assertThat(valid.shape()).isEqualTo(Shape.of(16, 30, 30));
        assertThat(valid.cost()).isEqualTo(new LayerCost(3 * 16 * 9 + 16, 0, 16L * 30 * 30 * 3 * 9));
        assertThat(run("Conv2D", Shape.of(3, 32, 32), "filters", 16, "kernelSize", 3, "stride", 2, "padding", "same")
                .shape()).isEqualTo(Shape.of(16, 16, 16));
        assertThat(run("Conv2D", Shape.of(3, 32, 32), "filters", 8, "kernelSize", 3, "dilation", 2).shape())
                .isEqualTo(Shape.of(8, 28, 28));
        assertThat(run("Conv2D", Shape.of(3, 32, 20), "filters", 8, "kernelSize", List.of(5, 3), "stride", List.of(1, 2))
                .shape()).isEqualTo(Shape.of(8, 28, 9));
        assertThat(run("Conv2D", Shape.of(1, 7, 7), "filters", 4, "kernelSize", 3, "padding", "same").shape())
                .isEqualTo(Shape.of(4, 7, 7));
    }

    @Test
    void groupedAndDepthwiseConvolutionsAndExplicitPadding() throws Exception {
        Result depthwise = run("Conv2D", Shape.of(32, 16, 16), "filters", 32, "kernelSize", 3, "groups", 32,
                "padding", "same", "useBias", false);
        assertThat(depthwise.shape()).isEqualTo(Shape.of(32, 16, 16));
        assertThat(depthwise.cost().totalParams()).isEqualTo(32 * 9); // PyTorch: 32 x 1 x 3 x 3
        assertThat(run("Conv2D", Shape.of(8, 10, 10), "filters", 4, "kernelSize", 1, "groups", 2).cost().totalParams())
                .isEqualTo(4 * 4 + 4);
        // one row above, none below, two columns left, one right: 10 + 1 - 2 = 9 rows, 10 + 3 - 2 = 11 columns
        assertThat(run("Conv2D", Shape.of(1, 10, 10), "filters", 2, "kernelSize", 3, "padding", "explicit",
                "pads", List.of(1, 2, 0, 1)).shape()).isEqualTo(Shape.of(2, 9, 11));
        assertThat(failure("Conv2D", Shape.of(6, 8, 8), "filters", 4, "groups", 3).get(0).param()).isEqualTo("groups");
        assertThat(failure("Conv2D", Shape.of(1, 8, 8), "padding", "explicit").get(0).param()).isEqualTo("pads");
        assertThat(failure("Conv2D", Shape.of(1, 8, 8), "padding", "explicit", "pads", List.of(1, 1)).get(0)
                .getMessage()).contains("needs 4");
    }

    @Test
    void convErrorsNameTheParameter() {
        ShapeException tooBig = failure("Conv2D", Shape.of(1, 3, 3), "filters", 4, "kernelSize", 5).get(0);
        assertThat(tooBig.param()).isEqualTo("kernelSize");
        assertThat(tooBig.getMessage()).contains("does not fit");
        ShapeException even = failure("Conv2D", Shape.of(1, 8, 8), "kernelSize", 4, "padding", "same").get(0);
        assertThat(even.getMessage()).contains("odd");
        ShapeException rank = failure("Conv2D", Shape.of(784)).get(0);
        assertThat(rank.hint()).contains("Reshape");
    }

    @Test
    void conv1dArithmetic() throws Exception {
        Result r = run("Conv1D", Shape.of(4, 100), "filters", 8, "kernelSize", 5, "stride", 2);
        assertThat(r.shape()).isEqualTo(Shape.of(8, 48));
        assertThat(r.cost()).isEqualTo(new LayerCost(8 * 4 * 5 + 8, 0, 8L * 48 * 4 * 5));
    }

    @Test
    void transposedConvolution() throws Exception {
        Result r = run("ConvTranspose2D", Shape.of(64, 7, 7), "filters", 32, "kernelSize", 4, "stride", 2,
                "padding", "same");
        assertThat(r.shape()).isEqualTo(Shape.of(32, 14, 14));
        assertThat(r.cost()).isEqualTo(new LayerCost(64 * 32 * 16 + 32, 0, 64L * 7 * 7 * 32 * 16));
        assertThat(run("ConvTranspose2D", Shape.of(8, 7, 7), "filters", 4, "kernelSize", 3).shape())
                .isEqualTo(Shape.of(4, 9, 9));
        assertThat(run("ConvTranspose2D", Shape.of(8, 7, 7), "filters", 4, "kernelSize", 3, "stride", 2,
                "padding", "same", "outputPadding", 1).shape()).isEqualTo(Shape.of(4, 14, 14));
        assertThat(failure("ConvTranspose2D", Shape.of(8, 7, 7), "stride", 2, "outputPadding", 2).get(0).param())
                .isEqualTo("outputPadding");
    }

    @Test
    void pooling() throws Exception {
        assertThat(run("MaxPool2D", Shape.of(6, 28, 28)).shape()).isEqualTo(Shape.of(6, 14, 14));
        assertThat(run("MaxPool2D", Shape.of(6, 28, 28), "stride", 1).shape()).isEqualTo(Shape.of(6, 27, 27));
        assertThat(run("AvgPool2D", Shape.of(6, 28, 28), "poolSize", 3, "stride", 1, "padding", "same").shape())
                .isEqualTo(Shape.of(6, 28, 28));
        assertThat(run("AvgPool2D", Shape.of(6, 28, 28), "poolSize", 2).cost().multiplyAdds()).isEqualTo(6 * 14 * 14 * 4);
        assertThat(run("MaxPool1D", Shape.of(8, 100), "poolSize", 4).shape()).isEqualTo(Shape.of(8, 25));
        assertThat(run("AvgPool1D", Shape.of(8, 100), "poolSize", 4, "stride", 2).shape()).isEqualTo(Shape.of(8, 49));
        assertThat(run("GlobalAvgPool2D", Shape.of(16, 7, 7)).shape()).isEqualTo(Shape.of(16));
        assertThat(run("GlobalMaxPool2D", Shape.of(16, 7, 7)).shape()).isEqualTo(Shape.of(16));
        assertThat(run("Upsample2D", Shape.of(3, 14, 14), "scale", 2).shape()).isEqualTo(Shape.of(3, 28, 28));
        assertThat(failure("MaxPool2D", Shape.of(6, 1, 1)).get(0).param()).isEqualTo("poolSize");
    }

    @Test
    void normalisationCountsRunningStatisticsAsNonTrainable() throws Exception {
        assertThat(run("BatchNorm", Shape.of(16, 7, 7)).cost()).isEqualTo(new LayerCost(32, 32, 16 * 49));
        assertThat(run("BatchNorm", Shape.of(50, 32), "axis", -1).cost().trainableParams()).isEqualTo(64);
        assertThat(failure("BatchNorm", Shape.of(50, 32), "axis", 2).get(0).param()).isEqualTo("axis");
        assertThat(run("LayerNorm", Shape.of(10, 32)).cost()).isEqualTo(new LayerCost(64, 0, 320));
    }

    @Test
    void recurrentLayersFollowPyTorchCounts() throws Exception {
        // torch.nn.RNN(4, 8): 8*4 + 8*8 + 8 + 8 = 112
        assertThat(run("SimpleRNN", Shape.of(10, 4), "units", 8).cost().trainableParams()).isEqualTo(112);
        // torch.nn.LSTM(28, 64): 4*64*(28+64) + 2*4*64 = 24,064
        Result lstm = run("LSTM", Shape.of(28, 28), "units", 64);
        assertThat(lstm.shape()).isEqualTo(Shape.of(64));
        assertThat(lstm.cost().trainableParams()).isEqualTo(24_064);
        // torch.nn.GRU(1, 32, num_layers=2): 3*32*33 + 6*32 + 3*32*64 + 6*32 = 9,696
        assertThat(run("GRU", Shape.of(50, 1), "units", 32, "layers", 2).cost().trainableParams()).isEqualTo(9_696);
        // torch.nn.LSTM(10, 16, num_layers=2, bidirectional=True): 2*(4*16*26 + 128) + 2*(4*16*48 + 128) = 9,984
        Result bi = run("LSTM", Shape.of(5, 10), "units", 16, "layers", 2, "bidirectional", true,
                "returnSequences", true);
        assertThat(bi.shape()).isEqualTo(Shape.of(5, 32));
        assertThat(bi.cost().trainableParams()).isEqualTo(9_984);
        assertThat(failure("LSTM", Shape.of(784)).get(0).hint()).contains("Reshape");
    }

    @Test
    void attentionFamily() throws Exception {
        Result emb = run("Embedding", Shape.of(32), "vocabSize", 64, "dim", 32);
        assertThat(emb.shape()).isEqualTo(Shape.of(32, 32));
        assertThat(emb.cost().trainableParams()).isEqualTo(2048);
        assertThat(run("PositionalEncoding", Shape.of(32, 16), "kind", "learned", "maxLength", 64).cost()
                .trainableParams()).isEqualTo(64 * 16);
        assertThat(run("PositionalEncoding", Shape.of(32, 16)).cost().trainableParams()).isZero();
        assertThat(failure("PositionalEncoding", Shape.of(32, 16), "maxLength", 16).get(0).param()).isEqualTo("maxLength");
        // torch.nn.MultiheadAttention(32, 4): in_proj 3*32*32 + 96, out_proj 32*32 + 32 = 4,224
        Result mha = run("MultiHeadAttention", Shape.of(10, 32), "heads", 4, "dim", 32);
        assertThat(mha.shape()).isEqualTo(Shape.of(10, 32));
        assertThat(mha.cost().trainableParams()).isEqualTo(4224);
        assertThat(failure("MultiHeadAttention", Shape.of(10, 32), "heads", 4, "dim", 30).get(0).param())
                .isEqualTo("heads");
        // torch.nn.TransformerEncoderLayer(32, 4, dim_feedforward=64): 4,224 + 2,112 + 2,080 + 2*64 = 8,544
        Result enc = run("TransformerEncoder", Shape.of(10, 32), "heads", 4, "dim", 32, "ffDim", 64);
        assertThat(enc.cost().trainableParams()).isEqualTo(8544);
        assertThat(failure("TransformerEncoder", Shape.of(10, 16), "dim", 32).get(0).hint()).contains("Dense");
        assertThat(run("SequencePool", Shape.of(10, 32)).shape()).isEqualTo(Shape.of(32));
    }

    @Test
    void merges() throws Exception {
        assertThat(run("Add", List.of(Shape.of(16, 7, 7), Shape.of(16, 7, 7))).shape()).isEqualTo(Shape.of(16, 7, 7));
        assertThatThrownBy(() -> run("Add", List.of(Shape.of(16, 7, 7), Shape.of(32, 7, 7))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[32, 7, 7]");
        assertThat(run("Multiply", List.of(Shape.of(8), Shape.of(8), Shape.of(8))).shape()).isEqualTo(Shape.of(8));
        assertThat(run("Concatenate", List.of(Shape.of(16, 7, 7), Shape.of(8, 7, 7))).shape())
                .isEqualTo(Shape.of(24, 7, 7));
        assertThat(run("Concatenate", List.of(Shape.of(10, 4), Shape.of(10, 6)), "axis", -1).shape())
                .isEqualTo(Shape.of(10, 10));
        assertThatThrownBy(() -> run("Concatenate", List.of(Shape.of(16, 7, 7), Shape.of(8, 6, 7))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("axis 0");
    }

    @Test
    void parameterValuesAreChecked() {
        LayerKind dropout = CATALOG.find("Dropout").orElseThrow();
        assertThat(CATALOG.check(dropout, Map.of("rate", 1.0)).issues()).singleElement()
                .satisfies(i -> assertThat(i.message()).contains("below 1").contains("got 1.0"));
        LayerKind dense = CATALOG.find("Dense").orElseThrow();
        assertThat(CATALOG.check(dense, Map.of("units", 0)).issues().get(0).message()).contains("from 1 to").contains("got 0");
        assertThat(CATALOG.check(dense, Map.of("units", "many")).issues().get(0).message()).contains("\"many\"");
        assertThat(CATALOG.check(dense, Map.of("activation", "swish")).issues().get(0).message()).contains("leakyRelu");
        assertThat(CATALOG.check(dense, Map.of("unit", 3)).issues().get(0).hint()).contains("units");
        LayerKind input = CATALOG.find("Input").orElseThrow();
        assertThat(CATALOG.check(input, Map.of()).issues().get(0).message()).contains("required");
    }

    @Test
    void catalogHasEveryRequiredKindWithDocumentedParameters() {
        assertThat(CATALOG.types()).contains("Input", "Dense", "Activation", "Dropout", "Flatten", "Reshape", "Conv1D",
                "Conv2D", "ConvTranspose2D", "MaxPool1D", "MaxPool2D", "AvgPool2D", "GlobalAvgPool2D", "GlobalMaxPool2D",
                "Upsample2D", "BatchNorm", "LayerNorm", "SimpleRNN", "LSTM", "GRU", "Embedding", "PositionalEncoding",
                "MultiHeadAttention", "TransformerEncoder", "Add", "Multiply", "Concatenate");
        for (LayerKind k : CATALOG.kinds()) {
            assertThat(k.description()).as(k.type()).isNotBlank();
            for (ParamSpec p : k.params()) {
                assertThat(p.description()).as(k.type() + "." + p.name()).isNotBlank();
                if (p.defaultValue() != null) {
                    assertThat(p.check(p.defaultValue())).as("default of " + k.type() + "." + p.name()).isNotNull();
                }
            }
        }
        assertThat(ActivationFunction.names()).containsExactly("linear", "relu", "leakyRelu", "sigmoid", "tanh",
                "softmax", "gelu", "elu", "selu", "silu", "softplus", "relu6");
    }
}
