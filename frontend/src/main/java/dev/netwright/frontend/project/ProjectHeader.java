package dev.netwright.frontend.project;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.netwright.frontend.dataset.DatasetsView;
import dev.netwright.frontend.run.RunsView;
import dev.netwright.frontend.workspace.ProjectsView;

/** Project title with tabs-like links to its designs, datasets and runs, and the way back to the workspace. */
public final class ProjectHeader extends HorizontalLayout {
    public ProjectHeader(ProjectContext ctx) {
        var p = ctx.project();
        RouterLink back = new RouterLink("← Projects", ProjectsView.class, ProjectsView.params(p.workspaceId()));
        RouterLink designs = new RouterLink("Designs", DesignsView.class, DesignsView.params(p.id()));
        designs.getElement().setAttribute("data-testid", "designs-link");
        RouterLink datasets = new RouterLink("Datasets", DatasetsView.class, DesignsView.params(p.id()));
        datasets.getElement().setAttribute("data-testid", "datasets-link");
        RouterLink runs = new RouterLink("Runs", RunsView.class, RunsView.params(p.id()));
        runs.getElement().setAttribute("data-testid", "runs-link");
        RouterLink sweeps = new RouterLink("Sweeps", dev.netwright.frontend.sweep.SweepsView.class,
                dev.netwright.frontend.sweep.SweepsView.params(p.id()));
        sweeps.getElement().setAttribute("data-testid", "sweeps-tab");
        Nav nav = new Nav(designs, datasets, runs, sweeps);
        nav.addClassName("nw-tabs");
        Span role = new Span(ctx.canEdit() ? "" : "read only: you are a viewer");
        role.addClassName("nw-muted");
        add(back, new H2(p.name()), nav, role);
        setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        addClassName("nw-page-head");
    }
}
