package dev.netwright.frontend.ui;

import com.vaadin.flow.router.BeforeEvent;

/**
 * Things that do not exist and things the user may not see look the same, as in the REST API. Views show it with
 * {@link #show}, which hands Vaadin this instance: {@code rerouteToError(Class, String)} would make Vaadin build one by
 * reflection, which needs a no-argument constructor and logs an ERROR when there is none.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }

    /** Shows the not-found page (HTTP 404) for this navigation, e.g. with "Run not found". */
    public static void show(BeforeEvent event, String message) {
        event.rerouteToError(new NotFoundException(message), message);
    }
}
