package dev.netwright.frontend.learn;

import com.vaadin.flow.server.VaadinSession;
import dev.netwright.designer.model.Design;
import java.util.Optional;

/**
 * The design the user last sent from the designer to a learn page. Kept in the browser session (not the URL) so
 * that unsaved scratch designs work too; a stored design is only readable here because its owner opened it.
 */
public final class DesignHandoff {
    private static final String KEY = DesignHandoff.class.getName();

    private DesignHandoff() {
    }

    public static void offer(Design design) {
        VaadinSession.getCurrent().setAttribute(KEY, design);
    }

    public static Optional<Design> current() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((Design) session.getAttribute(KEY));
    }
}
