package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.sweep.SweepService;
import dev.netwright.backend.sweep.SweepState;
import dev.netwright.backend.sweep.SweepView;
import dev.netwright.backend.workspace.ProjectRef;
import dev.netwright.backend.workspace.Role;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.designer.DesignerView;
import dev.netwright.frontend.layout.CurrentWorkspace;
import dev.netwright.frontend.ui.NotFoundException;
import dev.netwright.frontend.ui.RouteIds;
import dev.netwright.frontend.ui.UiErrors;
import dev.netwright.frontend.ui.chart.Chart;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One sweep: its trials, the best-so-far curve, parallel coordinates of hyperparameters against the objective, the
 * Pareto front with a second objective, and stop / extend / promote. While the sweep is active the page re-reads it
 * every 2 seconds (Vaadin polling over the push channel): trials report per epoch, so a faster feed would show
 * nothing new, and one read of the sweep is cheaper than a metrics subscription per trial.
 */
@Route("sweeps/:sweepId")
@PageTitle("Sweep · Netwright")
@PermitAll
public class SweepPage extends VerticalLayout implements BeforeEnterObserver {
    static final int POLL_MILLIS = 2000;
    private final SweepService sweeps;
    private final CurrentUser user;
    private UUID sweepId;
    private boolean canEdit;
    private SweepView current;
    private Registration poll;

    private final H2 title = new H2();
    private final Span state = new Span();
    private final Span summary = new Span();
    private final Grid<SweepView.TrialView> trials = new Grid<>();
    private final Chart best = new Chart();
    private final Chart parallel = new Chart();
    private final Chart pareto = new Chart();
    private final Button stop = new Button("Stop sweep", VaadinIcon.STOP.create());
    private final Button extend = new Button("Extend", VaadinIcon.PLUS.create());
    private final Button promote = new Button("Promote best", VaadinIcon.STAR.create());
    private final HorizontalLayout head = new HorizontalLayout();

    SweepPage(SweepService sweeps, CurrentUser user) {
        this.sweeps = sweeps;
        this.user = user;
        addClassName("nw-page");
        setSizeFull();
        state.getElement().setAttribute("data-testid", "sweep-state");
        summary.addClassName("nw-muted");
        stop.getElement().setAttribute("data-testid", "stop-sweep");
        stop.addClickListener(e -> act(() -> sweeps.stop(user.get(), sweepId)));
        extend.getElement().setAttribute("data-testid", "extend-sweep");
        extend.addClickListener(e -> extendDialog());
        promote.getElement().setAttribute("data-testid", "promote-best");
        promote.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        promote.addClickListener(e -> promote());
        best.getElement().setAttribute("data-testid", "best-chart");
        parallel.getElement().setAttribute("data-testid", "parallel-chart");
        pareto.getElement().setAttribute("data-testid", "pareto-chart");
        parallel.setHeight("360px");
        trialColumns();
    }

    public static RouteParameters params(UUID sweepId) {
        return RouteIds.of("sweepId", sweepId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            sweepId = RouteIds.read(event, "sweepId").orElseThrow(() -> ApiException.notFound("sweep"));
            ProjectRef project = sweeps.project(user.get(), sweepId);
            canEdit = project.role().atLeast(Role.EDITOR);
            CurrentWorkspace.set(project.workspaceId());
            removeAll();
            RouterLink back = new RouterLink("← Sweeps", SweepsView.class, SweepsView.params(project.projectId()));
            back.getElement().setAttribute("data-testid", "sweeps-link");
            head.removeAll();
            head.add(back, title, state, stop, extend, promote);
            head.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
            head.addClassName("nw-page-head");
            Div charts = new Div(best, pareto);
            charts.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fit, minmax(360px, 1fr))")
                    .set("gap", "var(--lumo-space-m)").set("width", "100%");
            add(head, summary, charts, parallel, trials);
            refresh();
        } catch (ApiException e) {
            NotFoundException.show(event, e.getMessage());
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        poll = event.getUI().addPollListener(e -> {
            if (current != null && current.state().isActive()) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (poll != null) {
            poll.remove();
        }
    }

    private void refresh() {
        SweepView s;
        try {
            s = sweeps.get(user.get(), sweepId);
        } catch (ApiException e) {
            UiErrors.show(e); // e.g. membership revoked while watching
            return;
        }
        boolean changed = current == null || !current.equals(s);
        current = s;
        if (!changed) {
            return;
        }
        title.setText(s.name());
        state.setText(s.state().name().toLowerCase(Locale.ROOT)
                + (s.stateReason() == null ? "" : ": " + s.stateReason()));
        state.getElement().getThemeList().set("badge", true);
        summary.setText(String.format(Locale.ROOT, "%s v%d · %s%s · %s %s · %d of %d trials (%d at a time)%s%s",
                s.designName(), s.designVersion(), s.method(), s.pruner().equals("none") ? "" : " + " + s.pruner(),
                s.direction(), s.objective(), s.counts().total(), s.maxTrials(), s.maxConcurrent(),
                s.maxMinutes() > 0 ? String.format(Locale.ROOT, " · %.0f min budget", s.maxMinutes()) : "",
                s.bestTrial() == null ? "" : String.format(Locale.ROOT, " · best: trial %d, %.4f", s.bestTrial(),
                        s.bestObjective())));
        boolean active = s.state() == SweepState.RUNNING;
        stop.setEnabled(canEdit && active);
        extend.setEnabled(canEdit && (active || s.state() == SweepState.COMPLETED));
        promote.setEnabled(canEdit && s.bestTrial() != null);
        trials.setItems(s.trials());
        best.setOption(SweepCharts.bestSoFar(s));
        parallel.setOption(SweepCharts.parallel(s));
        pareto.setVisible(s.secondObjective() != null);
        if (s.secondObjective() != null) {
            pareto.setOption(SweepCharts.pareto(s));
        }
    }

    private void trialColumns() {
        trials.addColumn(SweepView.TrialView::number).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        trials.addColumn(t -> t.status().name().toLowerCase(Locale.ROOT)).setHeader("Status").setAutoWidth(true);
        trials.addColumn(t -> t.parameters().entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "))).setHeader("Parameters").setFlexGrow(4);
        trials.addColumn(t -> t.objective() == null ? "-" : String.format(Locale.ROOT, "%.4f", t.objective()))
                .setHeader("Objective").setAutoWidth(true);
        trials.addColumn(t -> t.epochs() + (t.totalEpochs() == null ? "" : " / " + t.totalEpochs()))
                .setHeader("Epochs").setAutoWidth(true);
        trials.addColumn(t -> t.durationSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f s",
                t.durationSeconds())).setHeader("Duration").setAutoWidth(true);
        trials.addComponentColumn(t -> {
            Button b = new Button("Stop", e -> act(() -> sweeps.stopTrial(user.get(), sweepId, t.number())));
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            b.setEnabled(canEdit && t.status().isActive());
            b.getElement().setAttribute("data-testid", "stop-trial-" + t.number());
            return b;
        }).setAutoWidth(true).setFlexGrow(0);
        trials.setAllRowsVisible(true);
        trials.getElement().setAttribute("data-testid", "trials");
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) < 0.01 || Math.abs(d) >= 1e4 ? String.format(Locale.ROOT, "%.3g", d)
                    : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
        }
        return String.valueOf(v);
    }

    private void act(Runnable action) {
        if (UiErrors.attempt(action)) {
            current = null;
            refresh();
        }
    }

    private void extendDialog() {
        Dialog d = new Dialog();
        d.setHeaderTitle("Extend the sweep");
        IntegerField addTrials = new IntegerField("More trials");
        addTrials.setValue(10);
        addTrials.setMin(0);
        addTrials.getElement().setAttribute("data-testid", "extend-trials");
        NumberField addMinutes = new NumberField("More minutes");
        addMinutes.setValue(0.0);
        addMinutes.setMin(0);
        d.add(new HorizontalLayout(addTrials, addMinutes));
        Button ok = new Button("Extend", e -> act(() -> {
            sweeps.extend(user.get(), sweepId, new SweepService.Extend(addTrials.getValue(), addMinutes.getValue()));
            d.close();
        }));
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.getElement().setAttribute("data-testid", "extend-confirm");
        d.getFooter().add(new Button("Cancel", e -> d.close()), ok);
        d.open();
    }

    private void promote() {
        try {
            SweepView.Promoted p = sweeps.promote(user.get(), sweepId);
            Dialog d = new Dialog();
            d.setHeaderTitle("Trial " + p.trial() + " promoted");
            d.getElement().setAttribute("data-testid", "promoted-dialog");
            // what the trial chose, one line per parameter, and its settings in words rather than raw JSON
            com.vaadin.flow.component.html.UnorderedList chosen = new com.vaadin.flow.component.html.UnorderedList();
            new java.util.TreeMap<>(p.parameters()).forEach((name, value) -> chosen.add(
                    new com.vaadin.flow.component.html.ListItem(name + " = " + value)));
            chosen.getElement().setAttribute("data-testid", "promoted-parameters");
            // its settings as a key/value table in words ("learning rate" 0.01), not one line of JSON
            com.vaadin.flow.component.html.Div trainWith = new com.vaadin.flow.component.html.Div();
            trainWith.addClassName("nw-kv");
            trainWith.getElement().setAttribute("data-testid", "promoted-settings");
            if (p.config() != null) {
                p.config().properties().forEach(e -> {
                    if (!e.getValue().isNull()) {
                        String key = e.getKey().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
                        Span k = new Span(Character.toUpperCase(key.charAt(0)) + key.substring(1));
                        k.addClassName("nw-kv-key");
                        trainWith.add(k, new Span(e.getValue().isString() ? e.getValue().asString()
                                : e.getValue().isObject() || e.getValue().isArray() ? readable(e.getValue())
                                : e.getValue().toString()));
                    }
                });
            }
            if (trainWith.getChildren().findAny().isEmpty()) {
                trainWith.add(new Span("the default settings"));
            }
            d.add(new VerticalLayout(
                    new Span("Saved as version " + p.version() + " of the design, with:"), chosen,
                    new Span(String.format(Locale.ROOT, "%s %.4f", current.objective(), p.objective())),
                    new Span("Train it with:"), trainWith,
                    new RouterLink("Open version " + p.version() + " in the designer", DesignerView.class,
                            DesignerView.params(p.designId()))));
            d.getFooter().add(new Button("Close", e -> d.close()));
            d.open();
        } catch (ApiException e) {
            UiErrors.show(e);
        }
    }

    /** A nested setting (e.g. an early-stopping rule) as "key value, key value" rather than JSON. */
    private static String readable(tools.jackson.databind.JsonNode node) {
        if (node.isArray()) {
            java.util.List<String> items = new java.util.ArrayList<>();
            node.forEach(n -> items.add(n.isValueNode() ? n.asString() : readable(n)));
            return String.join(", ", items);
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        node.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                parts.add(e.getKey().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + " "
                        + (e.getValue().isValueNode() ? e.getValue().asString() : readable(e.getValue())));
            }
        });
        return String.join(", ", parts);
    }
}
