package dev.netwright.frontend.layout;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import java.util.UUID;

/** The workspace the user last looked at, per browser session, so the switcher shows where they are. */
public final class CurrentWorkspace {
    private static final String KEY = "netwright.workspace";

    private CurrentWorkspace() {
    }

    public static void set(UUID workspaceId) {
        VaadinSession.getCurrent().setAttribute(KEY, workspaceId);
    }

    public static Optional<UUID> get() {
        return Optional.ofNullable((UUID) VaadinSession.getCurrent().getAttribute(KEY));
    }
}
