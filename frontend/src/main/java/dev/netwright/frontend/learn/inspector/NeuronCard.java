package dev.netwright.frontend.learn.inspector;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import dev.netwright.designer.learn.ForwardInspector;
import dev.netwright.designer.learn.ForwardInspector.Neuron;

/** One neuron's computation: its weighted-sum terms, bias, pre-activation, activation and the filled-in formula. */
final class NeuronCard extends Div {
    /** Beyond this many inputs the term list is summarised; the formula keeps every term. */
    private static final int TERMS_SHOWN = 24;

    NeuronCard(Neuron n, boolean dense) {
        addClassName("nw-neuron");
        getElement().setAttribute("data-testid", "neuron-" + n.index());
        add(new Div(new Span("Neuron " + (n.index() + 1))));
        if (dense) {
            StringBuilder terms = new StringBuilder();
            int shown = Math.min(TERMS_SHOWN, n.inputs().length);
            for (int i = 0; i < shown; i++) {
                double product = n.weights()[i] * n.inputs()[i];
                terms.append("w").append(i + 1).append(" × x").append(i + 1).append(" = ")
                        .append(ForwardInspector.fmt(n.weights()[i])).append(" × ")
                        .append(ForwardInspector.fmt(n.inputs()[i])).append(" = ")
                        .append(ForwardInspector.fmt(product)).append('\n');
            }
            if (shown < n.inputs().length) {
                terms.append("... ").append(n.inputs().length - shown).append(" more terms\n");
            }
            Pre termList = new Pre(terms.toString());
            termList.addClassName("nw-terms");
            add(termList);
            add(value("Σ w·x", n.weightedSum(), "weighted-sum"), value("bias b", n.bias(), "bias"));
        }
        add(value("pre-activation z", n.preActivation(), "z"), value("activation a", n.activation(), "a"));
        Pre formula = new Pre(n.formula());
        formula.addClassName("nw-formula");
        formula.getElement().setAttribute("data-testid", "neuron-formula");
        add(formula);
    }

    private static Div value(String label, double v, String testId) {
        Span number = new Span(ForwardInspector.fmt(v));
        number.getElement().setAttribute("data-testid", "neuron-" + testId);
        Div d = new Div(new Span(label + " = "), number);
        d.addClassName("nw-neuron-value");
        return d;
    }
}
