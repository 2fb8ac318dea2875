package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.sweep.SweepService;
import dev.netwright.backend.sweep.SweepView;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceAccess;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.project.ProjectPage;
import dev.netwright.frontend.project.ProjectHeader;
import dev.netwright.frontend.ui.EmptyState;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A project's hyperparameter sweeps, and the way to launch one. */
@Route("projects/:projectId/sweeps")
@PageTitle("Sweeps · Netwright")
@PermitAll
public class SweepsView extends ProjectPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final SweepService sweeps;
    private final DesignService designs;
    private final DatasetService datasets;

    SweepsView(SweepService sweeps, DesignService designs, DatasetService datasets, ProjectService projects,
               WorkspaceAccess access, CurrentUser user) {
        super(projects, access, user);
        this.sweeps = sweeps;
        this.designs = designs;
        this.datasets = datasets;
    }

    @Override
    protected void show() {
        removeAll();
        Button launch = new Button("New sweep", VaadinIcon.PLUS.create(), e -> new LaunchSweepDialog(sweeps, designs,
                datasets, user.get(), ctx.project().id(), created -> getUI().ifPresent(ui -> ui.navigate(SweepPage.class,
                SweepPage.params(created.id())))).open());
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launch.setEnabled(ctx.canEdit());
        launch.getElement().setAttribute("data-testid", "new-sweep");
        add(new ProjectHeader(ctx), launch);
        var list = sweeps.list(user.get(), ctx.project().id());
        if (list.isEmpty()) {
            add(new EmptyState("No sweeps yet", "A sweep trains a design many times with different hyperparameters "
                    + "(learning rate, layer sizes, ...) and keeps the best. Launch one with New sweep."));
            return;
        }
        Grid<SweepView> grid = new Grid<>();
        grid.addComponentColumn(s -> {
            RouterLink link = new RouterLink(s.name(), SweepPage.class, SweepPage.params(s.id()));
            link.getElement().setAttribute("data-testid", "sweep-link");
            return link;
        }).setHeader("Sweep").setFlexGrow(3);
        grid.addColumn(s -> s.designName() + " v" + s.designVersion()).setHeader("Design");
        grid.addColumn(s -> s.state().name().toLowerCase(Locale.ROOT)).setHeader("State");
        grid.addColumn(s -> s.method() + (s.pruner().equals("none") ? "" : " + " + s.pruner())).setHeader("Method");
        grid.addColumn(s -> s.counts().completed() + " / " + s.maxTrials()).setHeader("Completed");
        grid.addColumn(s -> s.bestObjective() == null ? "-" : String.format(Locale.ROOT, "%s %.4f", s.objective(),
                s.bestObjective())).setHeader("Best");
        grid.addColumn(s -> s.createdAt().format(WHEN)).setHeader("Created");
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        grid.getElement().setAttribute("data-testid", "sweeps");
        add(grid);
    }
}
