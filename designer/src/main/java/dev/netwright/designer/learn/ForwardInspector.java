package dev.netwright.designer.learn;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.model.Design;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Steps a small dense network (Input, Dense, Activation, Dropout, Flatten; at most {@value #MAX_UNITS} units a layer)
 * neuron by neuron. Weighted sums are computed in decimal arithmetic from the numbers as typed, so a hand-worked
 * example (intercept 10.0, weights 5.4, -10.2, -0.1, 101.4, 0.0, 12.0, inputs 8, 5, 22, -5, 2, -3) gives exactly
 * -543.0; activations follow in double precision.
 */
public final class ForwardInspector {
    public static final int MAX_UNITS = 64;
    private static final MathContext CONTEXT = MathContext.DECIMAL64;

    private ForwardInspector() {
    }

    /** A Dense layer's weights: {@code weights[out][in]} and {@code bias[out]}. */
    public record DenseWeights(double[][] weights, double[] bias) {
    }

    /**
     * One neuron's computation.
     *
     * @param index         neuron index in its layer
     * @param inputs        the values feeding it
     * @param weights       its weights (empty for element-wise layers)
     * @param bias          its bias (0 for element-wise layers)
     * @param weightedSum   sum of weight × input
     * @param preActivation weighted sum + bias (the input value for element-wise layers)
     * @param activation    the value it passes on
     * @param formula       the computation written out with the numbers filled in
     */
    public record Neuron(int index, double[] inputs, double[] weights, double bias, double weightedSum,
                         double preActivation, double activation, String formula) {
    }

    /** One layer's step. */
    public record Step(String nodeId, String type, List<Neuron> neurons, double[] output) {
    }

    /**
     * @param weights weights per Dense node id, e.g. typed by hand or read from a trained model
     * @throws IllegalArgumentException naming the node when the design cannot be inspected
     */
    public static List<Step> run(Design design, Map<String, DenseWeights> weights, double[] input) {
        Analysis analysis = new DesignAnalyzer().analyze(design);
        if (!analysis.valid()) {
            throw new IllegalArgumentException("the design has problems: " + analysis.errors().get(0).describe());
        }
        LayerCatalog catalog = LayerCatalog.standard();
        List<Step> steps = new ArrayList<>();
        double[] current = input.clone();
        for (NodeReport n : analysis.nodes()) {
            LayerParams p = catalog.check(catalog.find(n.type()).orElseThrow(),
                    analysis.design().node(n.nodeId()).orElseThrow().params()).params(); // block instances: expanded
            if (n.outputShape().elements() > MAX_UNITS && !"Input".equals(n.type()) && !"Flatten".equals(n.type())) {
                throw new IllegalArgumentException("node '" + n.nodeId() + "' has " + n.outputShape().elements()
                        + " units; the inspector shows layers of up to " + MAX_UNITS);
            }
            switch (n.type()) {
                case "Input" -> {
                    if (input.length != n.outputShape().elements()) {
                        throw new IllegalArgumentException("the Input '" + n.nodeId() + "' takes "
                                + n.outputShape().elements() + " values, got " + input.length);
                    }
                    steps.add(new Step(n.nodeId(), n.type(), List.of(), current.clone()));
                }
                case "Flatten", "Dropout" -> steps.add(new Step(n.nodeId(), n.type(), List.of(), current.clone()));
                case "Dense" -> {
                    DenseWeights w = weights.get(n.nodeId());
                    if (w == null) {
                        throw new IllegalArgumentException("no weights for Dense node '" + n.nodeId() + "'");
                    }
                    int units = p.integer("units");
                    if (w.weights().length != units || (w.weights().length > 0 && w.weights()[0].length != current.length)
                            || w.bias().length != units) {
                        throw new IllegalArgumentException("node '" + n.nodeId() + "' needs " + units + " × "
                                + current.length + " weights and " + units + " biases");
                    }
                    ActivationFunction f = ActivationFunction.of(p.string("activation"));
                    double alpha = p.real("alpha");
                    List<Neuron> neurons = new ArrayList<>();
                    double[] z = new double[units];
                    for (int u = 0; u < units; u++) {
                        z[u] = weightedSum(current, w.weights()[u], p.bool("useBias") ? w.bias()[u] : 0).doubleValue();
                    }
                    double[] out = f == ActivationFunction.SOFTMAX ? Activations.softmax(z) : new double[units];
                    for (int u = 0; u < units; u++) {
                        double bias = p.bool("useBias") ? w.bias()[u] : 0;
                        double sum = weightedSum(current, w.weights()[u], 0).doubleValue();
                        if (f != ActivationFunction.SOFTMAX) {
                            out[u] = Activations.value(f, alpha, z[u]);
                        }
                        neurons.add(new Neuron(u, current.clone(), w.weights()[u].clone(), bias, sum, z[u], out[u],
                                denseFormula(current, w.weights()[u], bias, z[u], f, out[u])));
                    }
                    steps.add(new Step(n.nodeId(), n.type(), neurons, out));
                    current = out;
                }
                case "Activation" -> {
                    ActivationFunction f = ActivationFunction.of(p.string("function"));
                    double[] out = f == ActivationFunction.SOFTMAX ? Activations.softmax(current) : new double[current.length];
                    List<Neuron> neurons = new ArrayList<>();
                    for (int i = 0; i < current.length; i++) {
                        if (f != ActivationFunction.SOFTMAX) {
                            out[i] = Activations.value(f, p.real("alpha"), current[i]);
                        }
                        neurons.add(new Neuron(i, new double[] {current[i]}, new double[0], 0, current[i], current[i],
                                out[i], f.jsonName() + "(" + fmt(current[i]) + ") = " + fmt(out[i])));
                    }
                    steps.add(new Step(n.nodeId(), n.type(), neurons, out));
                    current = out;
                }
                default -> throw new IllegalArgumentException("node '" + n.nodeId() + "' is a " + n.type()
                        + "; the inspector steps through Input, Dense, Activation, Dropout and Flatten layers");
            }
        }
        return steps;
    }

    /** bias + sum of w_i x_i in decimal arithmetic on the numbers as written. */
    static BigDecimal weightedSum(double[] x, double[] w, double bias) {
        BigDecimal sum = BigDecimal.valueOf(bias);
        for (int i = 0; i < x.length; i++) {
            sum = sum.add(BigDecimal.valueOf(w[i]).multiply(BigDecimal.valueOf(x[i]), CONTEXT), CONTEXT);
        }
        return sum;
    }

    private static String denseFormula(double[] x, double[] w, double bias, double z, ActivationFunction f, double a) {
        StringBuilder s = new StringBuilder("z = ").append(fmt(bias));
        for (int i = 0; i < x.length; i++) {
            s.append(" + ").append(signed(w[i])).append(" × ").append(signed(x[i]));
        }
        s.append(" = ").append(fmt(z));
        if (f != ActivationFunction.LINEAR) {
            s.append("; a = ").append(f.jsonName()).append("(z) = ").append(fmt(a));
        }
        return s.toString();
    }

    private static String signed(double v) {
        return v < 0 ? "(" + fmt(v) + ")" : fmt(v);
    }

    /** Up to 10 significant digits, trailing zeros dropped but one decimal kept (-543.0, 0.25, 1.0E-7). */
    public static String fmt(double v) {
        if (v == 0) {
            return "0.0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
        String s = d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
        return Math.abs(v) < 1e-6 || Math.abs(v) >= 1e12 ? d.toString() : s;
    }
}
