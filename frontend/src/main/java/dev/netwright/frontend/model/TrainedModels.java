package dev.netwright.frontend.model;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.run.RunFilter;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.frontend.run.RunFilterBar;
import dev.netwright.frontend.run.RunSummaries;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The project's succeeded runs by name, with their key result, dataset in words, where they came from (a sweep's
 * trial or a user's run) and when they finished, each with a link to try its model and to download it; filtered and
 * ordered like the runs list.
 */
public final class TrainedModels extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final int SHOWN = 200;

    public TrainedModels(RunService runs, AppUser user, UUID projectId) {
        setPadding(false);
        List<RunView> done = runs.list(user, projectId, RunFilter.status(RunStatus.SUCCEEDED), SHOWN);
        setVisible(!done.isEmpty());
        if (done.isEmpty()) {
            return;
        }
        Grid<RunView> grid = new Grid<>();
        grid.addComponentColumn(r -> {
            RouterLink link = new RouterLink("Try " + r.name(), TryModelView.class, TryModelView.params(r.id()));
            link.getElement().setAttribute("data-testid", "try-model");
            return link;
        }).setHeader("Model").setAutoWidth(true).setComparator(r -> r.name().toLowerCase(java.util.Locale.ROOT));
        grid.addColumn(RunSummaries::keyMetric).setHeader("Result").setAutoWidth(true)
                .setComparator(Comparator.comparingDouble(RunSummaries::score))
                .getElement().setAttribute("data-testid", "model-metric");
        grid.addColumn(r -> r.designName() + " v" + r.designVersion()).setHeader("Design").setSortable(true)
                .setAutoWidth(true);
        // which run it is: a sweep's trial or a run of its own, so rows of one design version can be told apart
        grid.addColumn(RunSummaries::origin).setHeader("From").setSortable(true).setAutoWidth(true);
        grid.addColumn(RunView::datasetSummary).setHeader("Dataset").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(r -> new dev.netwright.frontend.run.RunTagsView(r.tags()))
                .setHeader("Tags").setAutoWidth(true);
        grid.addColumn(r -> r.finishedAt() == null ? "" : WHEN.format(r.finishedAt())).setHeader("Finished (UTC)")
                .setAutoWidth(true)
                .setComparator(r -> r.finishedAt() == null ? OffsetDateTime.MIN : r.finishedAt());
        grid.addComponentColumn(r -> {
            Anchor a = new Anchor("/api/runs/" + r.id() + "/artifact", "Download");
            a.getElement().setAttribute("router-ignore", true);
            return a;
        }).setHeader("Artifact");
        grid.setItems(done);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "trained-models");
        List<Predicate<RunView>> text = new ArrayList<>(List.of(r -> true));
        RunFilterBar filters = new RunFilterBar(runs.tags(user, projectId), done, RunStatus.SUCCEEDED,
                filter -> grid.setItems(runs.list(user, projectId, filter, SHOWN)).setFilter(text.getFirst()::test),
                test -> {
                    text.set(0, test);
                    grid.getListDataView().setFilter(test::test);
                });
        filters.getElement().setAttribute("data-testid", "models-filters");
        add(new H3("Trained models"), filters, grid);
    }
}
