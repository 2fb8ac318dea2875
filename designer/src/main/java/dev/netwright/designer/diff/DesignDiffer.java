package dev.netwright.designer.diff;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Computes a {@link DesignDiff}. Pure and stateless. */
public final class DesignDiffer {
    private DesignDiffer() {
    }

    public static DesignDiff diff(Design before, Design after) {
        Map<String, Node> oldNodes = byId(before.nodes());
        Map<String, Node> newNodes = byId(after.nodes());

        List<Node> added = new ArrayList<>();
        List<NodeChange> changed = new ArrayList<>();
        for (Node n : after.nodes()) {
            Node old = oldNodes.get(n.id());
            if (old == null) {
                added.add(n);
            } else {
                NodeChange change = compare(old, n);
                if (change != null) {
                    changed.add(change);
                }
            }
        }
        List<Node> removed = before.nodes().stream().filter(n -> !newNodes.containsKey(n.id())).toList();

        Set<Edge> oldEdges = new LinkedHashSet<>(before.edges());
        Set<Edge> newEdges = new LinkedHashSet<>(after.edges());
        List<Edge> edgesAdded = after.edges().stream().filter(e -> !oldEdges.contains(e)).distinct().toList();
        List<Edge> edgesRemoved = before.edges().stream().filter(e -> !newEdges.contains(e)).distinct().toList();

        return new DesignDiff(before.name(), after.name(), !before.description().equals(after.description()),
                added, removed, changed, edgesAdded, edgesRemoved, networksChanged(before, after));
    }

    private static NodeChange compare(Node old, Node now) {
        List<ParamChange> params = new ArrayList<>();
        Set<String> names = new TreeSet<>(old.params().keySet());
        names.addAll(now.params().keySet());
        for (String name : names) {
            Object a = old.params().get(name);
            Object b = now.params().get(name);
            if (!sameValue(a, b)) {
                params.add(new ParamChange(name, a, b));
            }
        }
        boolean moved = !old.position().equals(now.position());
        if (params.isEmpty() && !moved && old.type().equals(now.type())) {
            return null;
        }
        return new NodeChange(now.id(), old.type(), now.type(), params, moved, old.position(), now.position());
    }

    /**
     * JSON values compared by meaning: {@code 3}, {@code 3L} and {@code 3.0} are the same number, because a design
     * read back from JSON may carry any of them for the same text.
     */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return toDecimal(x).compareTo(toDecimal(y)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static BigDecimal toDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            double v = n.doubleValue();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                // Not representable as BigDecimal; the analyser rejects such values anyway.
                return BigDecimal.valueOf(Double.hashCode(v));
            }
            return BigDecimal.valueOf(v);
        }
        return new BigDecimal(n.toString());
    }

    private static List<String> networksChanged(Design before, Design after) {
        Set<String> names = new TreeSet<>();
        before.networks().forEach(n -> names.add(n.name()));
        after.networks().forEach(n -> names.add(n.name()));
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            Set<String> a = before.network(name).map(DesignDiffer::ids).orElse(null);
            Set<String> b = after.network(name).map(DesignDiffer::ids).orElse(null);
            if (!Objects.equals(a, b)) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static Set<String> ids(Network n) {
        return new TreeSet<>(n.nodeIds());
    }

    private static Map<String, Node> byId(List<Node> nodes) {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) {
            map.putIfAbsent(n.id(), n);
        }
        return map;
    }
}
