package dev.netwright.frontend.learn.parameters;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.learn.ParameterArithmetic;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Template;
import dev.netwright.designer.template.Templates;
import dev.netwright.frontend.learn.DesignHandoff;
import dev.netwright.frontend.learn.LearnNav;
import dev.netwright.frontend.learn.TypedNumbers;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;

/** Every layer's parameter count written as a formula, and the sum that gives the design's total. */
@Route("learn/parameters")
@PageTitle("Parameter arithmetic · Learn · Netwright")
@PermitAll
public class ParametersView extends VerticalLayout implements BeforeEnterObserver {
    static final String MLP = "Dense network from layer sizes";
    static final String CURRENT = "Current design from the designer";

    private final Select<String> source = new Select<>();
    private final TextField sizes = new TextField("Layer sizes (input first)");
    private final Grid<ParameterArithmetic.Line> lines = new Grid<>();
    private final Span sum = new Span();
    private final Span message = new Span();

    public ParametersView() {
        setMaxWidth("1100px");
        add(new LearnNav(LearnNav.PARAMETERS), LearnNav.title(LearnNav.PARAMETERS), new Paragraph(
                "A Dense layer has one weight for every input-output pair plus one bias per output: inputs × units"
                        + " + units. Convolutions share a kernel across positions, so their count depends on the"
                        + " kernel and channels, not the image size. The total is the sum over the layers."));
        source.setLabel("Design");
        source.getElement().setAttribute("data-testid", "parameters-source");
        source.addValueChangeListener(e -> refresh());
        sizes.setValue("784, 16, 16, 10");
        sizes.setWidth("24em");
        sizes.setHelperText("e.g. 784, 16, 16, 10: 784 inputs, two hidden layers of 16, 10 outputs");
        sizes.setValueChangeMode(ValueChangeMode.LAZY);
        sizes.getElement().setAttribute("data-testid", "parameters-sizes");
        sizes.addValueChangeListener(e -> refresh());
        lines.addColumn(ParameterArithmetic.Line::nodeId).setHeader("Layer").setAutoWidth(true);
        lines.addColumn(ParameterArithmetic.Line::type).setHeader("Type").setAutoWidth(true);
        lines.addColumn(ParameterArithmetic.Line::text).setHeader("Parameters").setFlexGrow(1);
        lines.setAllRowsVisible(true);
        lines.getElement().setAttribute("data-testid", "parameters-lines");
        sum.addClassName("nw-parameter-sum");
        sum.getElement().setAttribute("data-testid", "parameters-sum");
        message.addClassName("nw-learn-message");
        message.getElement().setAttribute("data-testid", "parameters-message");
        add(source, sizes, message, lines, new Div(new Span("Total: "), sum));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> choices = new ArrayList<>();
        boolean fromDesigner = DesignHandoff.current().isPresent();
        if (fromDesigner) {
            choices.add(CURRENT);
        }
        choices.add(MLP);
        Templates.all().forEach(t -> choices.add(t.title()));
        source.setItems(choices);
        boolean wantsCurrent = event.getLocation().getQueryParameters().getSingleParameter("design")
                .filter("current"::equals).isPresent();
        source.setValue(fromDesigner && wantsCurrent ? CURRENT : MLP);
    }

    private void refresh() {
        message.setText("");
        sizes.setVisible(MLP.equals(source.getValue()));
        try {
            Analysis analysis = new DesignAnalyzer().analyze(design());
            if (!analysis.valid()) {
                throw new IllegalArgumentException("the design has problems: " + analysis.errors().getFirst().describe());
            }
            ParameterArithmetic.Explanation e = ParameterArithmetic.explain(analysis);
            lines.setItems(e.lines());
            sum.setText(e.sum());
        } catch (IllegalArgumentException e) {
            lines.setItems(List.of());
            sum.setText("");
            message.setText(e.getMessage());
        }
    }

    private Design design() {
        String choice = source.getValue();
        if (CURRENT.equals(choice)) {
            return DesignHandoff.current().orElseThrow(() -> new IllegalArgumentException("no design from the designer"));
        }
        if (choice == null || MLP.equals(choice)) {
            return mlp(TypedNumbers.parse("layer sizes", sizes.getValue()));
        }
        return Templates.all().stream().filter(t -> t.title().equals(choice)).findFirst().map(Template::design)
                .orElseThrow(() -> new IllegalArgumentException("no template called " + choice));
    }

    /** Input of the first size, then a Dense layer per further size. */
    static Design mlp(double[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("layer sizes: give the input size and at least one layer");
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] != Math.rint(sizes[i]) || sizes[i] < 1 || sizes[i] > 1_000_000) {
                throw new IllegalArgumentException("layer sizes: value " + (i + 1) + " (" + sizes[i]
                        + ") must be a whole number from 1 to 1,000,000");
            }
        }
        DesignBuilder b = DesignBuilder.named("mlp").node("input", "Input", "shape", List.of((int) sizes[0]));
        for (int i = 1; i < sizes.length; i++) {
            String id = i == sizes.length - 1 ? "output" : "hidden" + i;
            b = b.then(id, "Dense", "units", (int) sizes[i]);
        }
        return b.build();
    }
}
