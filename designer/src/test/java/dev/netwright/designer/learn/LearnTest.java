package dev.netwright.designer.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LearnTest {

    @Test
    void singleNeuronTextbookExampleIsExact() {
        Design neuron = DesignBuilder.named("neuron").node("x", "Input", "shape", List.of(6))
                .then("n", "Dense", "units", 1).build();
        var weights = Map.of("n", new ForwardInspector.DenseWeights(
                new double[][] {{5.4, -10.2, -0.1, 101.4, 0.0, 12.0}}, new double[] {10.0}));
        List<ForwardInspector.Step> steps = ForwardInspector.run(neuron, weights, new double[] {8, 5, 22, -5, 2, -3});
        ForwardInspector.Neuron n = steps.get(1).neurons().get(0);
        assertThat(n.preActivation()).isEqualTo(-543.0);
        assertThat(n.formula()).isEqualTo("z = 10.0 + 5.4 × 8.0 + (-10.2) × 5.0 + (-0.1) × 22.0 + 101.4 × (-5.0)"
                + " + 0.0 × 2.0 + 12.0 × (-3.0) = -543.0");
    }

    @Test
    void activationsAreAppliedAfterTheWeightedSum() {
        Design d = DesignBuilder.named("two").node("x", "Input", "shape", List.of(2))
                .then("h", "Dense", "units", 2, "activation", "relu")
                .then("o", "Dense", "units", 2, "activation", "softmax").build();
        var weights = Map.of(
                "h", new ForwardInspector.DenseWeights(new double[][] {{1, 1}, {-1, -1}}, new double[] {0, 0}),
                "o", new ForwardInspector.DenseWeights(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}));
        List<ForwardInspector.Step> steps = ForwardInspector.run(d, weights, new double[] {1, 2});
        assertThat(steps.get(1).output()).containsExactly(3, 0);
        assertThat(steps.get(1).neurons().get(1).formula()).endsWith("a = relu(z) = 0.0");
        double[] p = steps.get(2).output();
        assertThat(p[0] + p[1]).isCloseTo(1, Offset.offset(1e-12));
        assertThat(p[0]).isCloseTo(Math.exp(3) / (Math.exp(3) + 1), Offset.offset(1e-12));
        assertThatThrownBy(() -> ForwardInspector.run(d, Map.of(), new double[] {1, 2}))
                .hasMessageContaining("no weights for Dense node 'h'");
    }

    @Test
    void aDesignWithABlockIsInspectedLayerByLayerOfItsExpansion() {
        var hidden = dev.netwright.designer.block.BlockBuilder.named("hidden", 1).input("in")
                .param("units", dev.netwright.designer.catalog.ParamType.INT, 2, "width")
                .then("h", "Dense", "units", "$units", "activation", "relu").build();
        Design d = DesignBuilder.named("two").node("x", "Input", "shape", List.of(2))
                .then("b", "Block", "block", "hidden", "version", 1)
                .then("o", "Dense", "units", 2, "activation", "softmax").build().withBlocks(List.of(hidden));
        var weights = Map.of(
                "b/h", new ForwardInspector.DenseWeights(new double[][] {{1, 1}, {-1, -1}}, new double[] {0, 0}),
                "o", new ForwardInspector.DenseWeights(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}));
        List<ForwardInspector.Step> steps = ForwardInspector.run(d, weights, new double[] {1, 2});
        assertThat(steps.get(1).nodeId()).isEqualTo("b/h");
        assertThat(steps.get(1).output()).containsExactly(3, 0);
    }

    @Test
    void largeOrUnsupportedLayersAreRefusedWithTheirName() {
        Design big = DesignBuilder.named("big").node("x", "Input", "shape", List.of(4))
                .then("wide", "Dense", "units", 65).build();
        assertThatThrownBy(() -> ForwardInspector.run(big, Map.of(), new double[4])).hasMessageContaining("'wide'");
        Design conv = Templates.find("lenet-cnn").orElseThrow().design();
        assertThatThrownBy(() -> ForwardInspector.run(conv, Map.of(), new double[784]))
                .hasMessageContaining("'conv1'");
    }

    @Test
    void parameterArithmeticOfTheSeedMlp() {
        Design mlp = DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(784))
                .then("h1", "Dense", "units", 16, "activation", "relu")
                .then("h2", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 10, "activation", "softmax").build();
        ParameterArithmetic.Explanation e = ParameterArithmetic.explain(new DesignAnalyzer().analyze(mlp));
        assertThat(e.lines()).extracting(ParameterArithmetic.Line::text)
                .containsExactly("784 × 16 + 16 = 12,560", "16 × 16 + 16 = 272", "16 × 10 + 10 = 170");
        assertThat(e.sum()).isEqualTo("12,560 + 272 + 170 = 13,002");
    }

    /** Evaluates the formula's arithmetic (× and + with parentheses; words in parentheses are labels). */
    static long evaluate(String formula) {
        String f = formula.replaceAll("\\([a-z ,]+\\)", "").replace(" ", "");
        return new Object() {
            int pos;

            long sum() {
                long v = product();
                while (pos < f.length() && f.charAt(pos) == '+') {
                    pos++;
                    v += product();
                }
                return v;
            }

            long product() {
                long v = atom();
                while (pos < f.length() && f.charAt(pos) == '×') {
                    pos++;
                    v *= atom();
                }
                return v;
            }

            long atom() {
                if (f.charAt(pos) == '(') {
                    pos++;
                    long v = sum();
                    pos++;
                    return v;
                }
                Matcher m = Pattern.compile("\\d+").matcher(f);
                m.find(pos);
                pos = m.end();
                return Long.parseLong(m.group());
            }
        }.sum();
    }

    @Test
    void everyTemplatesFormulasEvaluateToTheirCounts() {
        for (Template t : Templates.all()) {
            Analysis a = new DesignAnalyzer().analyze(t.design());
            for (ParameterArithmetic.Line line : ParameterArithmetic.explain(a).lines()) {
                assertThat(evaluate(line.formula())).as(t.id() + " " + line.nodeId() + ": " + line.formula())
                        .isEqualTo(line.parameters());
            }
        }
        Design bi = DesignBuilder.named("bi").node("in", "Input", "shape", List.of(5, 10))
                .then("lstm", "LSTM", "units", 16, "layers", 2, "bidirectional", true).build();
        ParameterArithmetic.Line line = ParameterArithmetic.explain(new DesignAnalyzer().analyze(bi)).lines().get(0);
        assertThat(evaluate(line.formula())).isEqualTo(9_984);
    }

    @Test
    void activationDerivativesMatchFiniteDifferences() {
        for (ActivationFunction f : ActivationFunction.values()) {
            if (f == ActivationFunction.SOFTMAX) {
                continue;
            }
            for (double x : new double[] {-2.3, -0.7, 0.4, 1.9}) {
                double h = 1e-6;
                double numeric = (Activations.value(f, 0.1, x + h) - Activations.value(f, 0.1, x - h)) / (2 * h);
                assertThat(Activations.derivative(f, 0.1, x)).as(f + " at " + x).isCloseTo(numeric, Offset.offset(1e-6));
            }
        }
        assertThat(Activations.value(ActivationFunction.GELU, 0, 1.0)).isCloseTo(0.8413447460685429, Offset.offset(1e-12));
        assertThat(Activations.softmax(new double[] {1000, 1000})).containsExactly(0.5, 0.5);
        Activations.Curve curve = Activations.curve(ActivationFunction.SIGMOID, 0, -6, 6, 121);
        assertThat(curve.value()[60]).isEqualTo(0.5);
        assertThat(curve.derivative()[60]).isEqualTo(0.25);
    }
}
