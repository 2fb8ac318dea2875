package dev.netwright.frontend.model;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.run.RunView;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** The project's succeeded runs, each with a link to try its model and to download it. */
public final class TrainedModels extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public TrainedModels(RunService runs, AppUser user, UUID projectId) {
        setPadding(false);
        List<RunView> done = runs.list(user, projectId, RunStatus.SUCCEEDED, 20);
        setVisible(!done.isEmpty());
        if (done.isEmpty()) {
            return;
        }
        Grid<RunView> grid = new Grid<>();
        grid.addComponentColumn(r -> {
            RouterLink link = new RouterLink("Try " + r.designName() + " v" + r.designVersion(), TryModelView.class,
                    TryModelView.params(r.id()));
            link.getElement().setAttribute("data-testid", "try-model");
            return link;
        }).setHeader("Model").setFlexGrow(3);
        // which run it is: a sweep's trial or a run of its own, so rows of one design version can be told apart
        grid.addColumn(r -> r.sweepId() != null ? "sweep trial " + r.trialNumber() : "run by " + r.createdBy())
                .setHeader("From").setSortable(true).setFlexGrow(1);
        grid.addColumn(r -> dev.netwright.frontend.run.RunSummaries.dataset(r.dataset())).setHeader("Dataset")
                .setSortable(true).setFlexGrow(2);
        grid.addColumn(dev.netwright.frontend.run.RunSummaries::keyMetric).setHeader("Result").setSortable(true)
                .setFlexGrow(2).getElement().setAttribute("data-testid", "model-metric");
        grid.addColumn(r -> r.finishedAt() == null ? "" : r.finishedAt().format(WHEN)).setHeader("Finished")
                .setComparator(r -> r.finishedAt() == null ? java.time.OffsetDateTime.MIN : r.finishedAt());
        grid.addComponentColumn(r -> {
            com.vaadin.flow.component.html.Anchor a = new com.vaadin.flow.component.html.Anchor(
                    "/api/runs/" + r.id() + "/artifact", "Download");
            a.getElement().setAttribute("router-ignore", true);
            return a;
        }).setHeader("Artifact");
        grid.setItems(done);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "trained-models");
        add(new H3("Trained models"), grid);
    }
}
