package dev.netwright.frontend.ui;

import com.vaadin.flow.router.NavigationState;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.design.DesignService;
import dev.netwright.backend.run.RunService;
import dev.netwright.backend.security.AppUser;
import dev.netwright.backend.sweep.SweepService;
import dev.netwright.backend.workspace.ProjectService;
import dev.netwright.backend.workspace.WorkspaceService;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes the first response of a page that will show the not-found page answer HTTP 404. A page's first response
 * carries the page's status only when the server navigates during that request (Vaadin's "eager server load"); that is
 * done here only for such pages, because the designer's React canvas does not come up when loaded that way. A page
 * shows not-found when no route matches its address, or when a route's id is malformed or names something missing or
 * not the user's: the same lookups as the views make, by the route parameter's name.
 */
@Component
class NotFoundStatus implements VaadinServiceInitListener {
    private final AuthenticationContext authentication;
    private final Map<String, Lookup> lookups;

    /** Throws ApiException (404) when the user cannot open the thing with this id. */
    interface Lookup {
        void open(AppUser user, UUID id);
    }

    NotFoundStatus(AuthenticationContext authentication, RunService runs, DesignService designs,
                   ProjectService projects, SweepService sweeps, WorkspaceService workspaces) {
        this.authentication = authentication;
        this.lookups = Map.of(
                "runId", runs::get,
                // the access check and one version row, not the whole design with its analysis
                "designId", (user, id) -> designs.history(user, id, 1, 0),
                "projectId", projects::get,
                "sweepId", sweeps::get,
                "workspaceId", workspaces::get);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        var service = event.getSource();
        var usual = service.getBootstrapInitialPredicate();
        service.setBootstrapInitialPredicate(request -> usual.includeInitialUidl(request)
                || showsNotFound(service.getRouter().resolveNavigationTarget(path(request), Map.of()), request));
    }

    private static String path(VaadinRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
    }

    private boolean showsNotFound(Optional<NavigationState> target, VaadinRequest request) {
        Optional<AppUser> user = authentication.getAuthenticatedUser(AppUser.class);
        if (user.isEmpty()) {
            return false; // signing in comes first
        }
        if (target.isEmpty()) {
            return true;
        }
        RouteParameters params = target.get().getRouteParameters();
        for (String name : params.getParameterNames()) {
            Lookup lookup = lookups.get(name);
            if (lookup == null) {
                continue;
            }
            try {
                lookup.open(user.get(), UUID.fromString(params.get(name).orElseThrow()));
            } catch (IllegalArgumentException | ApiException e) {
                return true;
            }
        }
        return false;
    }
}
