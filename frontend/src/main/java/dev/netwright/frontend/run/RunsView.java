package dev.netwright.frontend.run;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.RunFilter;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.project.ProjectPage;
import dev.netwright.frontend.project.ProjectHeader;
import dev.netwright.frontend.ui.EmptyState;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A project's training runs, newest first: open one, start one, or compare several. */
@Route("projects/:projectId/runs")
@PageTitle("Runs · Netwright")
@PermitAll
public class RunsView extends ProjectPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final RunService runs;
    private final RunMetricsStore store;
    private final RunLauncher launcher;

    RunsView(RunService runs, RunMetricsStore store, RunLauncher launcher, ProjectService projects,
             WorkspaceAccess access, CurrentUser user) {
        super(projects, access, user);
        this.runs = runs;
        this.store = store;
        this.launcher = launcher;
    }

    @Override
    protected void show() {
        removeAll();
        java.util.UUID project = ctx.project().id();
        List<RunView> list = runs.list(user.get(), project, RunFilter.ALL, 500);
        Button train = new Button("Train", VaadinIcon.PLAY.create(),
                e -> launcher.open(project, null, ctx.canEdit()));
        train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        train.setEnabled(ctx.canEdit());
        train.setTooltipText(ctx.canEdit() ? "Choose a design, a dataset and settings" : "Viewers cannot start runs");
        train.getElement().setAttribute("data-testid", "runs-train");
        Button compare = new Button("Compare", VaadinIcon.CHART.create());
        compare.setEnabled(false);
        compare.getElement().setAttribute("data-testid", "runs-compare");
        add(new ProjectHeader(ctx));
        if (list.isEmpty()) {
            add(new HorizontalLayout(train), new EmptyState("No runs yet",
                    "Open a design and press Train (or Train here), choose a dataset such as Iris or Two moons, and "
                            + "queue the run. Its live curves appear on the run's page."));
            return;
        }
        Grid<RunView> grid = new Grid<>();
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(RunView::name).setHeader("Name").setAutoWidth(true).setSortable(true)
                .setComparator(r -> r.name().toLowerCase(java.util.Locale.ROOT));
        grid.addComponentColumn(r -> new RunTagsView(r.tags())).setHeader("Tags").setAutoWidth(true);
        grid.addColumn(RunView::status).setHeader("Status").setAutoWidth(true).setSortable(true)
                .setPartNameGenerator(r -> "nw-run-" + r.status().name().toLowerCase());
        grid.addColumn(r -> r.designName() + " v" + r.designVersion()).setHeader("Design").setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(RunView::datasetSummary).setHeader("Dataset").setAutoWidth(true).setSortable(true);
        grid.addColumn(r -> r.sweepId() == null ? "" : RunSummaries.origin(r)).setHeader("Sweep")
                .setAutoWidth(true).setSortable(true);
        grid.addColumn(RunSummaries::keyMetric).setHeader("Key metric").setAutoWidth(true)
                .setComparator(Comparator.comparingDouble(RunSummaries::score));
        grid.addColumn(r -> r.durationSeconds() == null ? "" : Durations.seconds(r.durationSeconds()))
                .setHeader("Duration").setAutoWidth(true)
                .setComparator(Comparator.comparing(r -> r.durationSeconds() == null ? 0 : r.durationSeconds()));
        grid.addColumn(r -> WHEN.format(r.createdAt()) + " · " + r.createdBy()).setHeader("Created (UTC)")
                .setAutoWidth(true).setComparator(RunView::createdAt);
        grid.setItems(list);
        List<java.util.function.Predicate<RunView>> text = new ArrayList<>(List.of(r -> true));
        RunFilterBar filters = new RunFilterBar(runs.tags(user.get(), project), list, null,
                filter -> grid.setItems(runs.list(user.get(), project, filter, 500)).setFilter(text.getFirst()::test),
                test -> {
                    text.set(0, test);
                    grid.getListDataView().setFilter(test::test);
                });
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "runs-grid");
        grid.addItemClickListener(e -> {
            if (e.getColumn() != null) {
                getUI().ifPresent(ui -> ui.navigate(RunPage.class, RunPage.params(e.getItem().id())));
            }
        });
        // renaming and tagging one selected run (editors); the run page has the same dialog
        Button edit = new Button("Rename or tag", VaadinIcon.EDIT.create());
        edit.setEnabled(false);
        edit.setTooltipText(ctx.canEdit() ? "Select one run" : "Viewers cannot rename or tag runs");
        edit.getElement().setAttribute("data-testid", "runs-edit");
        edit.addClickListener(e -> grid.getSelectedItems().stream().findFirst().ifPresent(r ->
                new RunLabelsDialog(runs, user.get(), r, saved -> show()).open()));
        grid.addSelectionListener(e -> {
            compare.setEnabled(e.getAllSelectedItems().size() >= 2);
            compare.setTooltipText("Select two or more runs");
            edit.setEnabled(ctx.canEdit() && e.getAllSelectedItems().size() == 1);
        });
        compare.addClickListener(e -> new CompareDialog(new ArrayList<>(grid.getSelectedItems()), store).open());
        HorizontalLayout actions = new HorizontalLayout(train, compare, edit, filters);
        actions.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        actions.addClassName("nw-wrap");
        add(actions, grid);
    }
}
