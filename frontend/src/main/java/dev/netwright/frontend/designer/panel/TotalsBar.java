package dev.netwright.frontend.designer.panel;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.frontend.designer.canvas.Numbers;

/** The design's totals under the canvas, recomputed by the analysis after every edit. */
public final class TotalsBar extends Div {
    /** Batch and optimizer the memory estimate assumes; the training dialog will refine them. */
    static final int ESTIMATE_BATCH = 32;
    static final int ADAM_SLOTS = 2;

    private final Span total = value("total-params");
    private final Span trainable = value("trainable-params");
    private final Span macs = value("mult-adds");
    private final Span memory = value("memory");
    private final Span networks = value("networks");
    private final Span status = value("design-status");

    public TotalsBar() {
        addClassName("nw-totals");
        getElement().setAttribute("data-testid", "totals-bar");
        add(item("Total params", total), item("Trainable", trainable), item("Multiply-adds", macs),
                item("Training memory (batch " + ESTIMATE_BATCH + ", Adam)", memory), networks, status);
    }

    public void show(Analysis analysis) {
        Totals t = analysis.totals();
        total.setText(Numbers.grouped(t.totalParams()));
        trainable.setText(Numbers.grouped(t.trainableParams()));
        macs.setText(Numbers.compact(t.multiplyAdds()));
        memory.setText(Numbers.bytes(t.trainingMemoryBytes(ESTIMATE_BATCH, ADAM_SLOTS)));
        if (analysis.design().isGan()) {
            StringBuilder s = new StringBuilder();
            for (NetworkReport n : analysis.networks()) {
                s.append(s.isEmpty() ? "" : " · ").append(n.name()).append(' ')
                        .append(Numbers.compact(n.totals().totalParams()));
            }
            networks.setText(s.toString());
            networks.setVisible(true);
        } else {
            networks.setVisible(false);
        }
        long errors = analysis.errors().size();
        boolean empty = analysis.design().nodes().isEmpty();
        status.setText(empty ? "Empty design" : errors == 0 ? "✓ Ready to train"
                : errors + (errors == 1 ? " problem" : " problems") + " to fix");
        status.getElement().getClassList().set("nw-status-error", errors > 0 && !empty);
        status.getElement().getClassList().set("nw-status-ok", errors == 0 && !empty);
    }

    private static Span value(String testId) {
        Span s = new Span();
        s.getElement().setAttribute("data-testid", testId);
        return s;
    }

    private static Div item(String label, Span value) {
        Span l = new Span(label);
        l.addClassName("nw-totals-label");
        value.addClassName("nw-totals-value");
        Div d = new Div(l, value);
        d.addClassName("nw-totals-item");
        return d;
    }
}
