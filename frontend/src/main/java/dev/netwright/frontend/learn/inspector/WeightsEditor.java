package dev.netwright.frontend.learn.inspector;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.netwright.designer.learn.ForwardInspector.DenseWeights;
import dev.netwright.frontend.learn.TypedNumbers;
import java.util.Random;

/** A Dense layer's weights typed by hand: one line of weights per neuron, and one bias per neuron. */
final class WeightsEditor extends Div {
    private final String nodeId;
    private final int units;
    private final int fanIn;
    private final TextArea weights = new TextArea();
    private final TextField biases = new TextField();

    WeightsEditor(String nodeId, int units, int fanIn) {
        this.nodeId = nodeId;
        this.units = units;
        this.fanIn = fanIn;
        addClassName("nw-weights-editor");
        weights.setLabel("Weights: " + units + (units == 1 ? " line" : " lines") + " (one per neuron) of " + fanIn
                + " numbers");
        weights.setWidthFull();
        weights.setMaxHeight("12em");
        weights.getElement().setAttribute("data-testid", "weights-" + nodeId);
        biases.setLabel("Biases: " + units + (units == 1 ? " number" : " numbers, one per neuron"));
        biases.setWidthFull();
        biases.getElement().setAttribute("data-testid", "biases-" + nodeId);
        add(new H4("Layer '" + nodeId + "' (Dense, " + units + " × " + fanIn + ")"), weights, biases);
    }

    String nodeId() {
        return nodeId;
    }

    /** @throws IllegalArgumentException naming this layer, the neuron line and the value */
    DenseWeights read() {
        String[] lines = weights.getValue().strip().isEmpty() ? new String[0] : weights.getValue().strip().split("\\R");
        if (lines.length != units) {
            throw new IllegalArgumentException("weights of '" + nodeId + "': needs " + units
                    + (units == 1 ? " line" : " lines (one per neuron)") + ", got " + lines.length);
        }
        double[][] w = new double[units][];
        for (int u = 0; u < units; u++) {
            w[u] = TypedNumbers.parse("weights of '" + nodeId + "', neuron " + (u + 1), lines[u], fanIn);
        }
        return new DenseWeights(w, TypedNumbers.parse("biases of '" + nodeId + "'", biases.getValue(), units));
    }

    void show(DenseWeights values) {
        StringBuilder s = new StringBuilder();
        for (double[] row : values.weights()) {
            s.append(s.isEmpty() ? "" : "\n").append(TypedNumbers.format(row));
        }
        weights.setValue(s.toString());
        biases.setValue(TypedNumbers.format(values.bias()));
    }

    /**
     * Glorot-uniform weights and small biases from a seed, rounded to two decimals so the filled-in formulas stay
     * readable and can be retyped by hand.
     */
    void randomise(Random random) {
        double limit = Math.sqrt(6.0 / (fanIn + units));
        double[][] w = new double[units][fanIn];
        double[] b = new double[units];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < fanIn; i++) {
                w[u][i] = Math.round((random.nextDouble() * 2 - 1) * limit * 100) / 100.0;
            }
            b[u] = Math.round((random.nextDouble() * 2 - 1) * 10) / 100.0;
        }
        show(new DenseWeights(w, b));
    }
}
