package dev.netwright.frontend.learn.playground;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.designer.catalog.ActivationFunction;
import dev.netwright.frontend.learn.LearnNav;
import dev.netwright.backend.learn.LearnService;
import dev.netwright.backend.learn.LearnTrainings;
import dev.netwright.backend.learn.PauseGate;
import dev.netwright.backend.learn.PlaygroundRun;
import dev.netwright.backend.learn.PlaygroundSettings;
import dev.netwright.frontend.ui.chart.Chart;
import jakarta.annotation.security.PermitAll;

/**
 * Playground: a small MLP learns a 2-D data set in front of the learner, with the decision boundary redrawn a few
 * times a second. One training per view (a new start stops the previous one), stopped when the view goes away.
 */
@Route("learn/playground")
@PageTitle("Playground · Learn · Netwright")
@PermitAll
public class PlaygroundView extends VerticalLayout {
    private final LearnService learn;
    private final Select<String> dataset = new Select<>();
    private final NumberField noise = new NumberField("Extra noise (sd)");
    private final NumberField learningRate = new NumberField("Learning rate (Adam)");
    private final Select<String> activation = new Select<>();
    private final IntegerField layers = new IntegerField("Hidden layers");
    private final IntegerField units = new IntegerField("Units per layer");
    private final NumberField l1 = new NumberField("L1");
    private final NumberField l2 = new NumberField("L2");
    private final IntegerField seed = new IntegerField("Seed");
    private final Button start = new Button("Start", VaadinIcon.PLAY.create(), e -> start());
    private final Button pause = new Button("Pause", VaadinIcon.PAUSE.create(), e -> togglePause());
    private final Button reset = new Button("Reset", VaadinIcon.REFRESH.create(), e -> reset());
    private final Span status = new Span();
    private final Chart chart = new Chart();
    private LearnTrainings.Running running;
    private PauseGate gate;
    private PlaygroundRun run;

    public PlaygroundView(LearnService learn) {
        this.learn = learn;
        setMaxWidth("1200px");
        add(new LearnNav(LearnNav.PLAYGROUND), LearnNav.title(LearnNav.PLAYGROUND), new Paragraph(
                "Pick a data set and a network, press Start and watch the decision boundary form: the background"
                        + " is the network's probability of the orange class at each point. Try a network without"
                        + " hidden layers on circles, or a tiny learning rate, or strong L2."));
        PlaygroundSettings d = PlaygroundSettings.DEFAULT;
        dataset.setLabel("Data set");
        dataset.setItems(PlaygroundSettings.DATASETS);
        dataset.setValue(d.dataset());
        dataset.getElement().setAttribute("data-testid", "playground-dataset");
        noise.setValue(d.noise());
        noise.setMin(0);
        noise.setMax(1);
        noise.setStep(0.05);
        learningRate.setValue(d.learningRate());
        learningRate.setStep(0.001);
        learningRate.getElement().setAttribute("data-testid", "playground-learning-rate");
        activation.setLabel("Activation");
        activation.setItems(ActivationFunction.names().stream().filter(n -> !"softmax".equals(n)).toList());
        activation.setValue(d.activation());
        layers.setValue(d.hiddenLayers());
        layers.setMin(0);
        layers.setMax(PlaygroundSettings.MAX_LAYERS);
        layers.setStepButtonsVisible(true);
        units.setValue(d.units());
        units.setMin(1);
        units.setMax(PlaygroundSettings.MAX_UNITS);
        units.setStepButtonsVisible(true);
        l1.setValue(d.l1());
        l1.setStep(0.0001);
        l2.setValue(d.l2());
        l2.setStep(0.0001);
        seed.setValue(d.seed());
        FormLayout form = new FormLayout(dataset, noise, learningRate, activation, layers, units, l1, l2, seed);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("400px", 2));
        form.setMaxWidth("460px");

        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.getElement().setAttribute("data-testid", "playground-start");
        pause.getElement().setAttribute("data-testid", "playground-pause");
        reset.getElement().setAttribute("data-testid", "playground-reset");
        pause.setEnabled(false);
        status.getElement().setAttribute("data-testid", "playground-status");
        int side = BoundaryOptions.PLOT + 2 * BoundaryOptions.MARGIN;
        chart.setWidth(side + "px");
        chart.setHeight(side + "px");
        chart.setMinWidth(side + "px");
        chart.getStyle().set("flex-shrink", "0");
        chart.getElement().setAttribute("data-testid", "playground-chart");
        HorizontalLayout buttons = new HorizontalLayout(start, pause, reset);
        VerticalLayout left = new VerticalLayout(form, buttons, status);
        left.setPadding(false);
        HorizontalLayout body = new HorizontalLayout(left, chart);
        body.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.START);
        add(body);
        reset();
    }

    private PlaygroundSettings settings() {
        return new PlaygroundSettings(dataset.getValue(), value(noise, "extra noise"),
                value(learningRate, "learning rate"), activation.getValue(), value(layers, "hidden layers"),
                value(units, "units per layer"), value(l1, "L1"), value(l2, "L2"), value(seed, "seed"));
    }

    private static double value(NumberField field, String what) {
        if (field.getValue() == null) {
            throw new IllegalArgumentException(what + ": enter a number");
        }
        return field.getValue();
    }

    private static int value(IntegerField field, String what) {
        if (field.getValue() == null) {
            throw new IllegalArgumentException(what + ": enter a whole number");
        }
        return field.getValue();
    }

    private void start() {
        if (running != null && gate != null && gate.isPaused()) {
            togglePause();
            return;
        }
        stopRun();
        PlaygroundRun next;
        try {
            next = learn.playground(settings());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        run = next;
        showData(run);
        PauseGate nextGate = new PauseGate();
        UI ui = UI.getCurrent();
        PlaygroundRun current = run;
        try {
            running = learn.train(current, nextGate, frame -> ui.access(() -> show(current, frame)),
                    stopped -> ui.access(() -> ended(current, stopped)), e -> ui.access(() -> {
                status.setText("Training failed: " + e.getMessage());
                ended(current, true);
            }));
        } catch (LearnTrainings.BusyException e) {
            status.setText(e.getMessage());
            return;
        }
        gate = nextGate;
        start.setEnabled(false);
        pause.setEnabled(true);
        pause.setText("Pause");
        status.setText("Training...");
    }

    private void show(PlaygroundRun from, PlaygroundRun.Frame frame) {
        if (from != run) {
            return; // a frame of a run the learner has already replaced
        }
        chart.mergeOption(BoundaryOptions.grid(frame, from.bounds()));
        status.setText(String.format("Epoch %d: training loss %.4f, training accuracy %.1f %%, test accuracy %.1f %%",
                frame.epoch(), frame.trainLoss(), 100 * frame.trainAccuracy(), 100 * frame.testAccuracy()));
    }

    private void ended(PlaygroundRun from, boolean stopped) {
        if (from != run) {
            return;
        }
        running = null;
        gate = null;
        start.setEnabled(true);
        pause.setEnabled(false);
        if (!stopped) {
            status.setText(status.getText() + " (finished)");
        }
    }

    private void togglePause() {
        if (gate == null) {
            return;
        }
        if (gate.isPaused()) {
            gate.resume();
            pause.setText("Pause");
            start.setEnabled(false);
        } else {
            gate.pause();
            pause.setText("Resume");
            start.setEnabled(true);
        }
    }

    /** Stops the training and shows the chosen data set without a boundary. */
    private void reset() {
        stopRun();
        try {
            run = learn.playground(settings());
            showData(run);
            status.setText("Press Start to train.");
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
        start.setEnabled(true);
        pause.setEnabled(false);
        pause.setText("Pause");
    }

    /**
     * The data without a boundary. The grid is cleared explicitly: an unchanged option is not sent again, and
     * the live chart still holds the last run's merged grid.
     */
    private void showData(PlaygroundRun r) {
        chart.setOption(BoundaryOptions.initial(r.train(), r.bounds()));
        chart.mergeOption(BoundaryOptions.clearedGrid());
    }

    private void stopRun() {
        if (running != null) {
            running.stop();
            running = null;
        }
        if (gate != null) {
            gate.resume();
            gate = null;
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopRun();
        super.onDetach(detachEvent);
    }
}
