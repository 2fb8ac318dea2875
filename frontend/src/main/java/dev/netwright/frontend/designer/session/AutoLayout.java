package dev.netwright.frontend.designer.session;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-to-bottom layered layout: a node sits one row below its deepest input, siblings spread left to right in the
 * order of their inputs. A connection that skips rows (a residual shortcut) gets a placeholder in every row it
 * crosses, as in Sugiyama-style layouts, so the chain it skips moves aside and the shortcut runs beside the nodes
 * instead of behind them. GAN networks get side-by-side columns so the two groups never overlap.
 */
public final class AutoLayout {
    static final double COLUMN_GAP = 250;
    static final double ROW_GAP = 180;
    static final double NETWORK_GAP = 200;

    public Design apply(Design design) {
        List<List<String>> blocks = new ArrayList<>();
        if (design.isGan()) {
            design.networks().stream().map(Network::nodeIds).forEach(blocks::add);
            List<String> loose = design.nodes().stream().map(Node::id)
                    .filter(id -> design.networks().stream().noneMatch(n -> n.nodeIds().contains(id))).toList();
            if (!loose.isEmpty()) {
                blocks.add(loose);
            }
        } else {
            blocks.add(design.nodes().stream().map(Node::id).toList());
        }
        Map<String, Position> placed = new HashMap<>();
        double left = 0;
        for (List<String> block : blocks) {
            left = placeBlock(design, block, left, placed) + NETWORK_GAP;
        }
        return design.withNodes(design.nodes().stream()
                .map(n -> n.withPosition(placed.getOrDefault(n.id(), n.position()))).toList());
    }

    /** Places one block starting at {@code left}; returns its right edge. */
    private static double placeBlock(Design design, List<String> ids, double left, Map<String, Position> placed) {
        Map<String, Integer> depth = depths(design, ids);
        Map<Integer, List<String>> rows = new java.util.TreeMap<>();
        ids.stream().sorted(Comparator.comparingInt(depth::get))
                .forEach(id -> rows.computeIfAbsent(depth.get(id), k -> new ArrayList<>()).add(id));
        // placeholders for connections that skip rows: "\0from>to#row", never a real id, chained row by row
        List<Edge> edges = new ArrayList<>();
        for (Edge e : design.edges()) {
            if (!depth.containsKey(e.from()) || !depth.containsKey(e.to())) {
                continue;
            }
            String previous = e.from();
            for (int row = depth.get(e.from()) + 1; row < depth.get(e.to()); row++) {
                String placeholder = "\0" + e.from() + ">" + e.to() + "#" + row;
                rows.computeIfAbsent(row, k -> new ArrayList<>()).add(placeholder);
                edges.add(new Edge(previous, placeholder, 0));
                previous = placeholder;
            }
            edges.add(new Edge(previous, e.to(), e.toPort()));
        }
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        double centre = left + (widest - 1) * COLUMN_GAP / 2;
        Map<String, Double> xs = new HashMap<>();
        for (Map.Entry<Integer, List<String>> row : rows.entrySet()) {
            List<String> members = new ArrayList<>(row.getValue());
            // order siblings by the mean x of their inputs so connections cross less
            members.sort(Comparator.comparingDouble(id -> edges.stream()
                    .filter(e -> e.to().equals(id) && xs.containsKey(e.from()))
                    .mapToDouble(e -> xs.get(e.from())).average().orElse(centre)));
            for (int i = 0; i < members.size(); i++) {
                double x = centre + (i - (members.size() - 1) / 2.0) * COLUMN_GAP;
                xs.put(members.get(i), x);
                if (!members.get(i).startsWith("\0")) {
                    placed.put(members.get(i), new Position(x, row.getKey() * ROW_GAP));
                }
            }
        }
        return left + widest * COLUMN_GAP;
    }

    /** Longest-path depth from the block's sources; nodes on a cycle stop growing after one pass per node. */
    private static Map<String, Integer> depths(Design design, List<String> ids) {
        Map<String, Integer> depth = new HashMap<>();
        ids.forEach(id -> depth.put(id, 0));
        for (int pass = 0; pass < ids.size(); pass++) {
            boolean changed = false;
            for (Edge e : design.edges()) {
                if (depth.containsKey(e.from()) && depth.containsKey(e.to())
                        && depth.get(e.to()) < depth.get(e.from()) + 1) {
                    depth.put(e.to(), depth.get(e.from()) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return depth;
    }
}
