package dev.netwright.frontend.designer.canvas;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.catalog.LayerCost;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Shape;
import dev.netwright.frontend.designer.canvas.CanvasModel.BlockView;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasEdge;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Block instances expanded in place: a view state, never a change of the design. An expanded instance is drawn as a
 * frame at its own position holding its block's inner layers (read only), each with the shape and count the analysis
 * found for it in the expansion (flat id {@code instance/inner}); inner block instances are drawn collapsed until
 * they are expanded themselves ({@code instance/inner} is then in the expanded set too), so nesting opens level by
 * level. Inside a frame the layers are laid out in rows by depth from the block's input ports.
 */
final class ExpandedBlocks {
    static final double CELL_WIDTH = 200;
    static final double CELL_HEIGHT = 96;
    private static final double GAP_X = 30;
    private static final double GAP_Y = 46;
    private static final double PAD_X = 30;
    /** room for the frame's head (name, shape, count and the collapse switch, on two lines when narrow) */
    private static final double PAD_TOP = 64;
    private static final double MIN_WIDTH = 300;
    private static final double PAD_BOTTOM = 30;

    private final BlockLibrary library;
    private final Analysis analysis;
    private final Set<String> expanded;
    private final CanvasModels models;
    final List<CanvasNode> nodes = new ArrayList<>();
    final List<CanvasEdge> edges = new ArrayList<>();

    ExpandedBlocks(BlockLibrary library, Analysis analysis, Set<String> expanded, CanvasModels models) {
        this.library = library;
        this.analysis = analysis;
        this.expanded = expanded;
        this.models = models;
    }

    /** The frame size of an instance, or null when it is drawn collapsed (not expanded, or its block is unknown). */
    Size frame(String path, Node instance) {
        if (!expanded.contains(path)) {
            return null;
        }
        BlockDefinition def = BlockInstance.of(instance).flatMap(b -> library.find(b.ref())).orElse(null);
        return def == null ? null : layout(path, def).size();
    }

    /** Adds the inner layers and connections of the expanded instance {@code path} (and of its expanded inner ones). */
    void addInner(String path, Node instance) {
        BlockDefinition def = BlockInstance.of(instance).flatMap(b -> library.find(b.ref())).orElse(null);
        if (def == null || !expanded.contains(path)) {
            return;
        }
        Layout layout = layout(path, def);
        for (Node m : def.nodes()) {
            String id = path + "/" + m.id();
            Position at = layout.at().get(m.id());
            Node placed = m.withPosition(new dev.netwright.designer.model.Position(at.x(), at.y()));
            if (BlockInstance.isInstance(m)) {
                Size size = frame(id, m);
                nodes.add(models.innerInstance(placed, id, report(id, m), path, size, library));
                addInner(id, m);
            } else {
                // the expansion's copy carries the values the instance gives its exposed parameters
                Node shown = analysis.design().node(id).map(f -> placed.withParams(f.params())).orElse(placed);
                nodes.add(models.innerLayer(shown, id, analysis.node(id).orElse(null), path));
            }
        }
        for (Edge e : def.edges()) {
            String target = path + "/" + e.to();
            int port = def.inputs().indexOf(e.from());
            if (port >= 0) {
                edges.add(new CanvasEdge("inner:" + path + ":" + e.from() + "->" + e.to() + ":" + e.toPort(), path,
                        "port-" + port, target, "in-" + e.toPort(), e.toPort(), true));
            } else {
                edges.add(new CanvasEdge("inner:" + path + "/" + e.from() + "->" + e.to() + ":" + e.toPort(),
                        path + "/" + e.from(), "out", target, "in-" + e.toPort(), e.toPort(), true));
            }
        }
        edges.add(new CanvasEdge("inner:" + path + ":result", path + "/" + def.output(), "out", path, "result", 0,
                true));
    }

    /** An inner instance's collapsed report: the summed cost of its layers and the shape of its output layer. */
    private NodeReport report(String path, Node instance) {
        LayerCost cost = LayerCost.FREE;
        String prefix = path + "/";
        for (NodeReport r : analysis.nodes()) {
            if (r.nodeId().startsWith(prefix)) {
                cost = cost.plus(r.cost());
            }
        }
        String out = outputOf(path, instance);
        Shape shape = out == null ? null : analysis.node(out).map(NodeReport::outputShape).orElse(null);
        return new NodeReport(path, instance.type(), null, List.of(), shape, cost, 0,
                out == null ? List.of() : analysis.node(out).map(NodeReport::problems).orElse(List.of()));
    }

    /** The flat id of the layer whose output is the instance's output (through nested instances). */
    private String outputOf(String path, Node instance) {
        BlockDefinition def = BlockInstance.of(instance).flatMap(b -> library.find(b.ref())).orElse(null);
        if (def == null) {
            return null;
        }
        Node out = def.nodes().stream().filter(n -> n.id().equals(def.output())).findFirst().orElse(null);
        String id = path + "/" + def.output();
        return out != null && BlockInstance.isInstance(out) ? outputOf(id, out) : id;
    }

    record Size(double width, double height) {
    }

    record Position(double x, double y) {
    }

    private record Layout(Map<String, Position> at, Size size) {
    }

    /** Rows by depth from the input ports, each row's items side by side, positions relative to the frame. */
    private Layout layout(String path, BlockDefinition def) {
        Map<String, Integer> depth = new HashMap<>();
        for (int pass = 0; pass < def.nodes().size(); pass++) {
            boolean changed = false;
            for (Node m : def.nodes()) {
                int d = 0;
                for (Edge e : def.edges()) {
                    if (e.to().equals(m.id()) && !def.inputs().contains(e.from())) {
                        d = Math.max(d, depth.getOrDefault(e.from(), 0) + 1);
                    }
                }
                if (!Integer.valueOf(d).equals(depth.put(m.id(), d))) {
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int rows = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<String, Position> at = new HashMap<>();
        double y = PAD_TOP;
        double width = 0;
        for (int r = 0; r < rows; r++) {
            double x = PAD_X;
            double rowHeight = 0;
            for (Node m : def.nodes()) {
                if (depth.get(m.id()) != r) {
                    continue;
                }
                Size s = BlockInstance.isInstance(m) ? frame(path + "/" + m.id(), m) : null;
                Size cell = s == null ? new Size(CELL_WIDTH, CELL_HEIGHT) : s;
                at.put(m.id(), new Position(x, y));
                x += cell.width() + GAP_X;
                rowHeight = Math.max(rowHeight, cell.height());
            }
            width = Math.max(width, x - GAP_X + PAD_X);
            y += rowHeight + GAP_Y;
        }
        return new Layout(at, new Size(Math.max(width, MIN_WIDTH), y - GAP_Y + PAD_BOTTOM));
    }
}
