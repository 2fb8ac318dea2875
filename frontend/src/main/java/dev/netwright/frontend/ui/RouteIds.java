package dev.netwright.frontend.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.RouteParameters;
import java.util.Optional;
import java.util.UUID;

/** UUID route parameters; a malformed id is treated like an unknown one. */
public final class RouteIds {
    private RouteIds() {
    }

    public static RouteParameters of(String name, UUID id) {
        return new RouteParameters(name, id.toString());
    }

    public static Optional<UUID> read(BeforeEnterEvent event, String name) {
        try {
            return event.getRouteParameters().get(name).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
