package dev.netwright.frontend.designer.stored;

import com.vaadin.flow.shared.Registration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Tells every open designer of a design that a new version was saved (in this app instance), so members looking
 * at it learn at once that their base is out of date. Listeners push to their own UI.
 */
@Component
public class DesignEvents {

    /** A version was saved; {@code origin} identifies the designer that saved it, which does not need telling. */
    public record VersionSaved(UUID designId, int version, String author, String message, UUID origin) {
    }

    private final Map<UUID, Set<Consumer<VersionSaved>>> listeners = new ConcurrentHashMap<>();

    public Registration subscribe(UUID designId, Consumer<VersionSaved> listener) {
        listeners.computeIfAbsent(designId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(designId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(VersionSaved event) {
        for (Consumer<VersionSaved> l : listeners.getOrDefault(event.designId(), Set.of())) {
            l.accept(event);
        }
    }
}
