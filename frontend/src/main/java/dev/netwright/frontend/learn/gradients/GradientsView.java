package dev.netwright.frontend.learn.gradients;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.frontend.learn.ChartJson;
import dev.netwright.frontend.learn.LearnNav;
import dev.netwright.backend.learn.GradientExperiment;
import dev.netwright.backend.learn.LearnService;
import dev.netwright.backend.learn.LearnTrainings;
import dev.netwright.frontend.ui.chart.Chart;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vanishing gradients made visible: a deep sigmoid MLP and the same with ReLU train side by side in the background
 * and each layer's gradient norm is plotted per epoch on a log scale.
 */
@Route("learn/gradients")
@PageTitle("Vanishing gradients · Learn · Netwright")
@PermitAll
public class GradientsView extends VerticalLayout {
    private final LearnService learn;
    private final GradientExperiment experiment = GradientExperiment.STANDARD;
    private final Map<String, Chart> charts = new HashMap<>();
    private final Map<String, GradientExperiment.EpochNorms> latest = new HashMap<>();
    private final Button run = new Button("Train both networks", VaadinIcon.PLAY.create(), e -> start());
    private final Button stop = new Button("Stop", VaadinIcon.STOP.create(), e -> stopRun());
    private final Span status = new Span();
    private final Span ratio = new Span();
    private LearnTrainings.Running running;

    public GradientsView(LearnService learn) {
        this.learn = learn;
        setMaxWidth("1200px");
        add(new LearnNav(LearnNav.GRADIENTS), LearnNav.title(LearnNav.GRADIENTS), new Paragraph(
                "Backpropagation multiplies the gradient by each layer's activation derivative on its way back to the"
                        + " input. A sigmoid's derivative is at most 1/4, so after " + experiment.depth()
                        + " sigmoid layers little is left for the first layers, and they barely learn. ReLU's"
                        + " derivative is 1 where the unit is active, so the gradient keeps its size. Both networks"
                        + " below have " + experiment.depth() + " hidden layers of " + experiment.units()
                        + " units and train on two moons with plain SGD (learning rate 0.1) for "
                        + experiment.epochs() + " epochs; the curves are each layer's gradient L2 norm,"
                        + " averaged over the epoch's batches."));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.getElement().setAttribute("data-testid", "gradients-run");
        stop.setEnabled(false);
        status.getElement().setAttribute("data-testid", "gradients-status");
        ratio.getElement().setAttribute("data-testid", "gradients-ratio");
        HorizontalLayout actions = new HorizontalLayout(run, stop, status);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(actions, ratio);
        HorizontalLayout row = new HorizontalLayout();
        row.setWidthFull();
        for (String activation : GradientExperiment.ACTIVATIONS) {
            Chart chart = new Chart();
            chart.setHeight("420px");
            chart.getElement().setAttribute("data-testid", "gradients-chart-" + activation);
            charts.put(activation, chart);
            row.add(chart);
        }
        add(row);
        resetCharts();
    }

    private List<String> layerNames() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 1; i <= experiment.depth(); i++) {
            names.add("h" + i);
        }
        names.add("out");
        return names;
    }

    private void resetCharts() {
        latest.clear();
        ratio.setText("");
        for (String activation : GradientExperiment.ACTIVATIONS) {
            ObjectNode option = ChartJson.object();
            // a 13 px centred title ends above the legend at 28 px (the default 18 px title ran into it)
            option.putObject("title").put("text", experiment.depth() + " hidden layers, " + activation)
                    .put("left", "center").putObject("textStyle").put("fontSize", 13);
            option.putObject("tooltip").put("trigger", "axis");
            option.putObject("legend").put("top", 28).put("type", "scroll");
            option.putObject("grid").put("top", 80).put("left", 70);
            option.set("xAxis", ChartJson.axis("value", "epoch").put("min", 1).put("max", experiment.epochs()));
            option.set("yAxis", ChartJson.axis("log", "gradient norm").put("nameGap", 55));
            ArrayNode series = option.putArray("series");
            for (String layer : layerNames()) {
                series.add(ChartJson.line(layer, ChartJson.array()).put("showSymbol", true).put("symbolSize", 4));
            }
            charts.get(activation).setOption(ChartJson.text(option));
        }
    }

    private void start() {
        stopRun();
        resetCharts();
        UI ui = UI.getCurrent();
        try {
            running = learn.runGradientExperiment(experiment,
                    (activation, norms) -> ui.access(() -> show(activation, norms)),
                    stopped -> ui.access(() -> finished(stopped ? "Stopped." : "Done.")),
                    e -> ui.access(() -> finished("Training failed: " + e.getMessage())));
            run.setEnabled(false);
            stop.setEnabled(true);
            status.setText("Training the sigmoid network...");
        } catch (LearnTrainings.BusyException e) {
            status.setText(e.getMessage());
        }
    }

    private void show(String activation, GradientExperiment.EpochNorms norms) {
        Chart chart = charts.get(activation);
        List<GradientExperiment.LayerNorm> layers = norms.layers();
        for (int i = 0; i < layers.size(); i++) {
            double norm = layers.get(i).norm();
            if (norm > 0 && Double.isFinite(norm)) {
                chart.appendData(i, "[[" + norms.epoch() + "," + norm + "]]");
            }
        }
        latest.put(activation, norms);
        status.setText("Training the " + activation + " network: epoch " + norms.epoch() + " of "
                + experiment.epochs());
        StringBuilder s = new StringBuilder("First hidden layer's gradient norm as a fraction of the output layer's:");
        for (String a : GradientExperiment.ACTIVATIONS) {
            GradientExperiment.EpochNorms n = latest.get(a);
            if (n != null) {
                double r = n.layers().getFirst().norm() / n.layers().getLast().norm();
                s.append(' ').append(a).append(' ').append(String.format("%.2g", r)).append(" (epoch ")
                        .append(n.epoch()).append(')');
            }
        }
        ratio.setText(s.toString());
    }

    private void finished(String text) {
        running = null;
        run.setEnabled(true);
        stop.setEnabled(false);
        status.setText(text);
    }

    private void stopRun() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /** Nobody watches a detached view: its training stops and frees its slot. */
    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopRun();
        super.onDetach(detachEvent);
    }
}
