package dev.netwright.frontend.sweep;

import com.vaadin.flow.component.UI;
import dev.netwright.backend.dataset.DatasetService;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.sweep.SweepService;
import dev.netwright.frontend.auth.CurrentUser;
import dev.netwright.frontend.ui.UiErrors;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Opens the sweep launch dialog from outside the sweeps pages (the designer) and goes to the sweep once launched. */
@Component
public class SweepLauncher {
    private final SweepService sweeps;
    private final DesignService designs;
    private final DatasetService datasets;
    private final CurrentUser user;

    SweepLauncher(SweepService sweeps, DesignService designs, DatasetService datasets, CurrentUser user) {
        this.sweeps = sweeps;
        this.designs = designs;
        this.datasets = datasets;
        this.user = user;
    }

    /**
     * Opens the dialog on a design's latest saved version with these ranges ({@code nodeId.param} to range) as its
     * search space; the user adds training options and the rest there.
     */
    public void open(UUID projectId, UUID designId, Map<String, SweepRange> ranges) {
        LaunchSweepDialog dialog = new LaunchSweepDialog(sweeps, designs, datasets, user.get(), projectId,
                created -> UI.getCurrent().navigate(SweepPage.class, SweepPage.params(created.id())));
        List<String> missing = dialog.prefill(designId, ranges);
        dialog.open();
        if (!missing.isEmpty()) {
            UiErrors.error("Not in the last saved version, so left out: " + String.join(", ", missing)
                    + ". Save the design to sweep them.");
        }
    }
}
