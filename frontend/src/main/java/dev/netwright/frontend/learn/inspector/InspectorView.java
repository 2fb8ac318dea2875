package dev.netwright.frontend.learn.inspector;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.designer.learn.ForwardInspector;
import dev.netwright.designer.model.Design;
import dev.netwright.frontend.learn.DesignHandoff;
import dev.netwright.frontend.learn.LearnNav;
import dev.netwright.frontend.learn.TypedNumbers;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.learn.LearnService;
import dev.netwright.backend.learn.TrainedWeights;
import dev.netwright.frontend.auth.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.UUID;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Forward-pass inspector: pick a small dense network, type (or draw at random) an input, weights and biases, and
 * step through it layer by layer with every neuron's arithmetic written out.
 */
@Route("learn/inspector")
@PageTitle("Forward pass · Learn · Netwright")
@PermitAll
public class InspectorView extends VerticalLayout implements BeforeEnterObserver {
    static final String SINGLE = "Single neuron (exercise)";
    static final String MLP = "Small MLP 2-3-2 (exercise)";
    static final String CURRENT = "Current design from the designer";
    static final String TRAINED = "Trained run";
    private static final String INPUT_HELP = "numbers separated by commas, e.g. 8, 5, 22, -5, 2, -3";

    private int stepIndex;
    private final Select<String> source = new Select<>();
    private final IntegerField inputCount = new IntegerField("Inputs");
    private final Select<String> activation = new Select<>();
    private final HorizontalLayout neuronSettings = new HorizontalLayout(inputCount, activation);
    private final TextField input = new TextField("Input x");
    private final IntegerField seed = new IntegerField("Seed");
    private final Div editors = new Div();
    private final Span message = new Span();
    private final Div stepArea = new Div();
    private final Span stepLabel = new Span();
    private final Button previous = new Button("Previous", VaadinIcon.ARROW_LEFT.create(), e -> show(stepIndex - 1));
    private final Button next = new Button("Next", VaadinIcon.ARROW_RIGHT.create(), e -> show(stepIndex + 1));
    private final List<WeightsEditor> weightEditors = new ArrayList<>();
    private final TextField runId = new TextField("Trained run id");
    private final LearnService learn;
    private final CurrentUser user;
    private TrainedWeights.Loaded trained;
    private Design design;
    private List<ForwardInspector.Step> steps = List.of();

    public InspectorView(LearnService learn, CurrentUser user) {
        this.learn = learn;
        this.user = user;
        setMaxWidth("1100px");
        add(new LearnNav(LearnNav.INSPECTOR), LearnNav.title(LearnNav.INSPECTOR), new Paragraph(
                "Each neuron multiplies its inputs by its weights, adds them up with its bias (the pre-activation z)"
                        + " and passes z through its activation function. Type the numbers, or draw random weights,"
                        + " then step through the network layer by layer. Layers of up to "
                        + ForwardInspector.MAX_UNITS + " units made of Dense, Activation, Dropout and Flatten work."));
        source.setLabel("Network");
        source.setWidth("22em");
        source.getElement().setAttribute("data-testid", "inspector-source");
        source.addValueChangeListener(e -> rebuild());
        inputCount.setValue(6);
        inputCount.setMin(1);
        inputCount.setMax(ForwardInspector.MAX_UNITS);
        inputCount.setStepButtonsVisible(true);
        inputCount.getElement().setAttribute("data-testid", "inspector-input-count");
        inputCount.addValueChangeListener(e -> rebuild());
        activation.setLabel("Activation");
        activation.setItems(ActivationFunction.names());
        activation.setValue("linear");
        activation.addValueChangeListener(e -> rebuild());
        input.setWidthFull();
        input.setHelperText(INPUT_HELP);
        input.getElement().setAttribute("data-testid", "inspector-input");
        seed.setValue(1);
        Button random = new Button("Random weights", VaadinIcon.RANDOM.create(), e -> randomise());
        random.getElement().setAttribute("data-testid", "inspector-random");
        Button compute = new Button("Compute", VaadinIcon.PLAY.create(), e -> compute());
        compute.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        compute.getElement().setAttribute("data-testid", "inspector-run");
        HorizontalLayout actions = new HorizontalLayout(seed, random, compute);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        editors.setWidthFull();
        message.addClassName("nw-learn-message");
        message.getElement().setAttribute("data-testid", "inspector-message");
        previous.getElement().setAttribute("data-testid", "inspector-previous");
        next.getElement().setAttribute("data-testid", "inspector-next");
        stepLabel.getElement().setAttribute("data-testid", "inspector-step");
        HorizontalLayout stepper = new HorizontalLayout(previous, stepLabel, next);
        stepper.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        stepArea.setWidthFull();
        stepArea.getElement().setAttribute("data-testid", "inspector-steps");
        runId.setPlaceholder("a succeeded run's id");
        runId.setWidth("24em");
        runId.getElement().setAttribute("data-testid", "inspector-run-id");
        Button load = new Button("Load its weights", VaadinIcon.DOWNLOAD.create(), e -> loadRun(runId.getValue()));
        load.getElement().setAttribute("data-testid", "inspector-load-run");
        HorizontalLayout sourceRow = new HorizontalLayout(source, runId, load);
        sourceRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(sourceRow, neuronSettings, input, editors, actions, message, stepper, stepArea);
        showSteps(List.of());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        setChoices();
        boolean wantsCurrent = event.getLocation().getQueryParameters().getSingleParameter("design")
                .filter("current"::equals).isPresent();
        source.setValue(DesignHandoff.current().isPresent() && wantsCurrent ? CURRENT : SINGLE);
        event.getLocation().getQueryParameters().getSingleParameter("run").ifPresent(id -> {
            runId.setValue(id);
            loadRun(id);
        });
    }

    private void setChoices() {
        List<String> choices = new ArrayList<>(List.of(SINGLE, MLP));
        if (DesignHandoff.current().isPresent()) {
            choices.add(CURRENT);
        }
        if (trained != null) {
            choices.add(TRAINED);
        }
        source.setItems(choices);
    }

    /** A run the user cannot see gets the same answer as one that does not exist. */
    private void loadRun(String id) {
        try {
            trained = learn.trainedWeights(user.get(), UUID.fromString(id.strip()));
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage().startsWith("Invalid UUID") ? "'" + id + "' is not a run id"
                    : e.getMessage());
            return;
        } catch (ApiException e) {
            message.setText("No run " + id.strip() + " that you can see.");
            return;
        }
        setChoices();
        source.setValue(TRAINED);
    }

    private void rebuild() {
        message.setText("");
        input.setHelperText(INPUT_HELP);
        editors.removeAll();
        weightEditors.clear();
        showSteps(List.of());
        String choice = source.getValue();
        neuronSettings.setVisible(SINGLE.equals(choice));
        if (choice == null) {
            return;
        }
        int inputs = inputCount.getValue() == null ? 1 : Math.clamp(inputCount.getValue(), 1,
                ForwardInspector.MAX_UNITS);
        design = switch (choice) {
            case SINGLE -> Exercises.singleNeuron(inputs, activation.getValue());
            case MLP -> Exercises.smallMlp();
            case TRAINED -> trained.design();
            default -> DesignHandoff.current().orElse(Exercises.smallMlp());
        };
        Analysis analysis = new DesignAnalyzer().analyze(design);
        Map<String, ForwardInspector.DenseWeights> zeros = new HashMap<>();
        int inputSize = 0;
        for (NodeReport n : analysis.nodes()) {
            if (n.outputShape() == null) {
                continue;
            }
            if ("Input".equals(n.type())) {
                inputSize = (int) n.outputShape().elements();
            } else if ("Dense".equals(n.type()) && n.outputShape().elements() <= ForwardInspector.MAX_UNITS) {
                int units = (int) n.outputShape().elements();
                int fanIn = (int) analysis.node(n.inputs().getFirst()).orElseThrow().outputShape().elements();
                zeros.put(n.nodeId(), new ForwardInspector.DenseWeights(new double[units][fanIn], new double[units]));
                weightEditors.add(new WeightsEditor(n.nodeId(), units, fanIn));
            }
        }
        try {
            // a dry run with zeros finds every reason this design cannot be stepped through, with the node's name
            ForwardInspector.run(design, zeros, new double[inputSize]);
        } catch (IllegalArgumentException e) {
            weightEditors.clear();
            message.setText("This design cannot be stepped through: " + e.getMessage() + ".");
            input.setEnabled(false);
            return;
        }
        input.setEnabled(true);
        input.setLabel("Input x (" + inputSize + (inputSize == 1 ? " number)" : " numbers)"));
        input.clear();
        weightEditors.forEach(editors::add);
        if (TRAINED.equals(choice)) {
            weightEditors.forEach(w -> w.show(trained.weights().get(w.nodeId())));
            input.setValue(TypedNumbers.format(randomInput(inputSize)));
            input.setHelperText("a trained model sees its inputs after normalisation: type them as the network sees"
                    + " them");
        } else if (CURRENT.equals(choice)) {
            // a real design's weights are too many to type: start from random ones the learner can edit
            randomise();
            input.setValue(TypedNumbers.format(randomInput(inputSize)));
        }
    }

    private double[] randomInput(int size) {
        Random r = new Random(seed.getValue() == null ? 0 : seed.getValue());
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = Math.round(r.nextDouble() * 100) / 100.0;
        }
        return x;
    }

    private void randomise() {
        Random r = new Random(seed.getValue() == null ? 0 : seed.getValue());
        weightEditors.forEach(w -> w.randomise(r));
    }

    private void compute() {
        message.setText("");
        try {
            double[] x = TypedNumbers.parse("input x", input.getValue());
            Map<String, ForwardInspector.DenseWeights> weights = new HashMap<>();
            for (WeightsEditor w : weightEditors) {
                weights.put(w.nodeId(), w.read());
            }
            showSteps(ForwardInspector.run(design, weights, x));
        } catch (IllegalArgumentException e) {
            showSteps(List.of());
            message.setText(e.getMessage());
        }
    }

    private void showSteps(List<ForwardInspector.Step> computed) {
        steps = computed;
        // start at the first layer that computes something; the input step only repeats what was typed
        show(steps.size() > 1 ? 1 : 0);
    }

    private void show(int index) {
        stepArea.removeAll();
        boolean any = !steps.isEmpty();
        previous.setEnabled(any && index > 0);
        next.setEnabled(any && index < steps.size() - 1);
        if (!any) {
            stepLabel.setText("Compute to step through the layers");
            return;
        }
        stepIndex = Math.clamp(index, 0, steps.size() - 1);
        ForwardInspector.Step step = steps.get(stepIndex);
        stepLabel.setText("Layer " + (stepIndex + 1) + " of " + steps.size() + ": '" + step.nodeId() + "' ("
                + step.type() + ")");
        Span output = new Span("output = [" + formatted(step.output()) + "]");
        output.getElement().setAttribute("data-testid", "inspector-output");
        stepArea.add(new H3(step.nodeId() + " (" + step.type() + ")"), output);
        if (step.neurons().isEmpty()) {
            stepArea.add(new Paragraph(switch (step.type()) {
                case "Input" -> "The input values, as typed.";
                case "Dropout" -> "Dropout only acts while training; at inference it passes values through.";
                default -> "Flatten only changes the layout; the values pass through.";
            }));
        }
        boolean dense = "Dense".equals(step.type());
        for (ForwardInspector.Neuron n : step.neurons()) {
            stepArea.add(new NeuronCard(n, dense));
        }
    }

    private static String formatted(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : ", ").append(ForwardInspector.fmt(v));
        }
        return s.toString();
    }
}
