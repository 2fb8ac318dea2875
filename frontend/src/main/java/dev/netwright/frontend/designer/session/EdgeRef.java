package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Edge;

/** Identifies one connection as the canvas shows it. */
public record EdgeRef(String from, String to, int toPort) {
    public boolean matches(Edge e) {
        return e.from().equals(from) && e.to().equals(to) && e.toPort() == toPort;
    }
}
