package dev.netwright.frontend.run;

import com.vaadin.flow.component.UI;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.frontend.auth.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Opens the launch dialog from any page (designer, runs list) and goes to the run page once a run is queued. */
@Component
public class RunLauncher {
    /** What the dialog calls, for the signed-in user. */
    record Services(RunService runs, DesignService designs, DatasetService datasets, AppUser user) {
    }

    private final RunService runs;
    private final DesignService designs;
    private final DatasetService datasets;
    private final CurrentUser user;

    RunLauncher(RunService runs, DesignService designs, DatasetService datasets, CurrentUser user) {
        this.runs = runs;
        this.designs = designs;
        this.datasets = datasets;
        this.user = user;
    }

    /**
     * @param designId the design to preselect, or null for the project's most recently changed one
     * @param canEdit  whether the user may queue (the service checks again)
     */
    public void open(UUID projectId, UUID designId, boolean canEdit) {
        new LaunchDialog(new Services(runs, designs, datasets, user.get()), projectId, designId, canEdit,
                run -> UI.getCurrent().navigate(RunPage.class, RunPage.params(run.id()))).open();
    }
}
