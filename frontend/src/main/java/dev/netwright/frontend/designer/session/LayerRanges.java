package dev.netwright.frontend.designer.session;

import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Node;
import dev.netwright.frontend.sweep.SweepRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sweep ranges chosen for layer parameters while a design is edited (e.g. Dense {@code units} in 64|128|256).
 * They are a plan for a sweep, not part of the network: they live as long as the editor of one stored design and
 * never reach a saved version. Ranges of a layer that was deleted are kept but not used, so an undo brings them
 * back. Not thread-safe: Vaadin calls it under the session lock.
 */
public final class LayerRanges {
    private final Map<String, Map<String, SweepRange>> byNode = new LinkedHashMap<>();

    public void set(String nodeId, String param, SweepRange range) {
        byNode.computeIfAbsent(nodeId, k -> new LinkedHashMap<>()).put(param, range);
    }

    public void remove(String nodeId, String param) {
        Map<String, SweepRange> ranges = byNode.get(nodeId);
        if (ranges != null) {
            ranges.remove(param);
            if (ranges.isEmpty()) {
                byNode.remove(nodeId);
            }
        }
    }

    /** The ranges of one layer, parameter name to range (empty when none). */
    public Map<String, SweepRange> of(String nodeId) {
        return Map.copyOf(byNode.getOrDefault(nodeId, Map.of()));
    }

    /** Another design was opened in the same editor. */
    public void clear() {
        byNode.clear();
    }

    /** A renamed layer keeps its ranges. */
    public void rename(String oldId, String newId) {
        Map<String, SweepRange> ranges = byNode.remove(oldId);
        if (ranges != null) {
            byNode.put(newId, ranges);
        }
    }

    /**
     * The search space these ranges make for a design, as the sweep names it ({@code nodeId.param}), in the order
     * they were set; only layers the design has, with parameters their kind has.
     */
    public Map<String, SweepRange> space(Design design, LayerCatalog catalog) {
        Map<String, SweepRange> space = new LinkedHashMap<>();
        byNode.forEach((nodeId, ranges) -> design.node(nodeId).ifPresent(node -> ranges.forEach((param, range) -> {
            if (hasParam(node, param, catalog)) {
                space.put(nodeId + "." + param, range);
            }
        })));
        return space;
    }

    /** What a layer shows on the canvas about its ranges, e.g. {@code sweep units 64|128|256}; none: no entry. */
    public Map<String, String> notes(Design design, LayerCatalog catalog) {
        Map<String, String> notes = new LinkedHashMap<>();
        byNode.forEach((nodeId, ranges) -> design.node(nodeId).ifPresent(node -> {
            StringBuilder s = new StringBuilder();
            ranges.forEach((param, range) -> {
                if (hasParam(node, param, catalog)) {
                    s.append(s.isEmpty() ? "sweep " : ", ").append(param).append(' ').append(range.label());
                }
            });
            if (!s.isEmpty()) {
                notes.put(nodeId, s.toString());
            }
        }));
        return notes;
    }

    private static boolean hasParam(Node node, String param, LayerCatalog catalog) {
        return catalog.find(node.type()).map(k -> k.params().stream().anyMatch(p -> p.name().equals(param)))
                .orElse(false);
    }
}
