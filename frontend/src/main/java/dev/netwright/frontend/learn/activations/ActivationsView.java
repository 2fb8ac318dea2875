package dev.netwright.frontend.learn.activations;

import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.learn.Activations;
import dev.netwright.designer.learn.ForwardInspector;
import dev.netwright.frontend.learn.ChartJson;
import dev.netwright.frontend.learn.LearnNav;
import dev.netwright.frontend.learn.TypedNumbers;
import dev.netwright.frontend.ui.chart.Chart;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each activation function with its derivative, and softmax over logits the learner types (with temperature). */
@Route("learn/activations")
@PageTitle("Activations · Learn · Netwright")
@PermitAll
public class ActivationsView extends VerticalLayout {
    private static final int POINTS = 241;

    private final Select<ActivationFunction> function = new Select<>();
    private final NumberField alpha = new NumberField("Negative slope α");
    private final NumberField range = new NumberField("x from −r to r");
    private final Chart curve = new Chart();
    private final Span note = new Span();
    private final TextField logits = new TextField("Logits");
    private final NumberField temperature = new NumberField("Temperature T");
    private final Chart softmax = new Chart();
    private final Span probabilities = new Span();
    private final Span message = new Span();

    public ActivationsView() {
        setMaxWidth("1100px");
        add(new LearnNav(LearnNav.ACTIVATIONS), LearnNav.title(LearnNav.ACTIVATIONS), new Paragraph(
                "An activation bends the weighted sum so stacked layers can model more than a straight line. During"
                        + " training the gradient passes through its derivative: where the derivative is near zero"
                        + " (a saturated sigmoid or tanh, a ReLU below zero) little signal flows back."));
        function.setLabel("Function");
        function.setItems(Arrays.stream(ActivationFunction.values()).filter(f -> f != ActivationFunction.SOFTMAX)
                .toList());
        function.setItemLabelGenerator(ActivationFunction::jsonName);
        function.setValue(ActivationFunction.SIGMOID);
        function.getElement().setAttribute("data-testid", "activation-function");
        alpha.setValue(ActivationFunction.DEFAULT_ALPHA);
        alpha.setStep(0.01);
        alpha.setValueChangeMode(ValueChangeMode.LAZY);
        alpha.getElement().setAttribute("data-testid", "activation-alpha");
        range.setValue(5.0);
        range.setMin(0.5);
        range.setMax(50);
        range.setValueChangeMode(ValueChangeMode.LAZY);
        function.addValueChangeListener(e -> drawCurve());
        alpha.addValueChangeListener(e -> drawCurve());
        range.addValueChangeListener(e -> drawCurve());
        curve.setHeight("360px");
        curve.getElement().setAttribute("data-testid", "activation-chart");
        HorizontalLayout controls = new HorizontalLayout(function, alpha, range);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        logits.setValue("2, 1, 0.1");
        logits.setWidth("24em");
        logits.setValueChangeMode(ValueChangeMode.LAZY);
        logits.getElement().setAttribute("data-testid", "softmax-logits");
        temperature.setValue(1.0);
        temperature.setStep(0.1);
        temperature.setHelperText("softmax(z / T): high T flattens, low T sharpens");
        temperature.setValueChangeMode(ValueChangeMode.LAZY);
        temperature.getElement().setAttribute("data-testid", "softmax-temperature");
        logits.addValueChangeListener(e -> drawSoftmax());
        temperature.addValueChangeListener(e -> drawSoftmax());
        softmax.setHeight("300px");
        softmax.getElement().setAttribute("data-testid", "softmax-chart");
        probabilities.getElement().setAttribute("data-testid", "softmax-probabilities");
        message.addClassName("nw-learn-message");
        HorizontalLayout softmaxControls = new HorizontalLayout(logits, temperature);
        softmaxControls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(controls, curve, note, new H3("Softmax"), new Paragraph("Softmax turns a layer's logits into"
                + " probabilities that sum to 1: exp(z_i / T) / Σ_j exp(z_j / T)."), softmaxControls, message,
                softmax, probabilities);
        drawCurve();
        drawSoftmax();
    }

    private void drawCurve() {
        ActivationFunction f = function.getValue() == null ? ActivationFunction.SIGMOID : function.getValue();
        alpha.setVisible(f == ActivationFunction.LEAKY_RELU);
        double a = alpha.getValue() == null ? ActivationFunction.DEFAULT_ALPHA : alpha.getValue();
        double r = range.getValue() == null || range.getValue() <= 0 ? 5 : range.getValue();
        Activations.Curve c = Activations.curve(f, a, -r, r, POINTS);
        ObjectNode option = ChartJson.object();
        // a 13 px centred title ends above the legend at 28 px (the default 18 px title ran into it)
        option.putObject("title").put("text", f.jsonName() + " and its derivative").put("left", "center")
                .putObject("textStyle").put("fontSize", 13);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend").put("top", 28).put("type", "scroll");
        option.set("xAxis", ChartJson.axis("value", "x"));
        option.set("yAxis", ChartJson.axis("value", ""));
        option.putObject("grid").put("top", 70);
        ArrayNode series = option.putArray("series");
        series.add(ChartJson.line("f(x)", ChartJson.points(c.x(), c.value())));
        series.add(ChartJson.line("f'(x)", ChartJson.points(c.x(), c.derivative())));
        curve.setOption(ChartJson.text(option));
        double maxSlope = Arrays.stream(c.derivative()).max().orElse(0);
        note.setText("f(0) = " + ForwardInspector.fmt(Activations.value(f, a, 0)) + ", f'(0) = "
                + ForwardInspector.fmt(Activations.derivative(f, a, 0)) + ", largest slope on this range "
                + ForwardInspector.fmt(maxSlope) + ", f'(−r) = " + ForwardInspector.fmt(c.derivative()[0]));
    }

    private void drawSoftmax() {
        message.setText("");
        try {
            double[] z = TypedNumbers.parse("logits", logits.getValue());
            if (z.length == 0) {
                throw new IllegalArgumentException("logits: type at least one number");
            }
            double t = temperature.getValue() == null ? 1 : temperature.getValue();
            if (!(t > 0)) {
                throw new IllegalArgumentException("temperature: must be greater than 0, got " + t);
            }
            double[] scaled = Arrays.stream(z).map(v -> v / t).toArray();
            double[] p = Activations.softmax(scaled);
            ObjectNode option = ChartJson.object();
            option.putObject("tooltip");
            ArrayNode categories = ChartJson.array();
            ArrayNode data = ChartJson.array();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < p.length; i++) {
                categories.add("z" + (i + 1) + " = " + ForwardInspector.fmt(z[i]));
                data.add(Math.round(p[i] * 1e4) / 1e4);
                text.append(text.isEmpty() ? "p = " : ", ").append(String.format("%.4f", p[i]));
            }
            option.putObject("xAxis").put("type", "category").set("data", categories);
            option.putObject("yAxis").put("type", "value").put("min", 0).put("max", 1).put("name", "probability");
            ObjectNode bars = option.putArray("series").addObject().put("type", "bar").put("name", "probability");
            bars.set("data", data);
            bars.putObject("label").put("show", true).put("position", "top").put("formatter", "{c}");
            softmax.setOption(ChartJson.text(option));
            probabilities.setText(text.toString());
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
    }
}
