package dev.netwright.frontend.designer.canvas;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NodeReport;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockLibrary;
import dev.netwright.designer.block.BuiltInBlocks;
import dev.netwright.designer.catalog.LayerCatalog;
import dev.netwright.designer.catalog.LayerKind;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.frontend.designer.canvas.CanvasModel.BlockView;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasEdge;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasGroup;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasNode;
import dev.netwright.frontend.designer.canvas.CanvasModel.CanvasProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a design and its analysis into what the canvas draws. */
public final class CanvasModels {
    private final LayerCatalog catalog;

    public CanvasModels(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    /** The layers and built-in blocks, then the newest version of each of {@code library}'s other blocks. */
    public List<PaletteEntry> palette(BlockLibrary library) {
        List<PaletteEntry> entries = new ArrayList<>(palette());
        java.util.Set<String> builtIn = new java.util.HashSet<>();
        BuiltInBlocks.all().forEach(b -> builtIn.add(b.name()));
        library.all().stream().map(b -> b.name()).distinct().filter(n -> !builtIn.contains(n)).sorted()
                .forEach(n -> library.latest(n).ifPresent(b -> entries.add(new PaletteEntry(
                        BlockInstance.TYPE + ":" + b.name(), "block", "Blocks",
                        b.description() + " (workspace block, version " + b.version() + ")"))));
        return List.copyOf(entries);
    }

    /** The catalog's layer kinds, then the built-in blocks (type {@code Block:<name>}). */
    public List<PaletteEntry> palette() {
        List<PaletteEntry> entries = new ArrayList<>(catalog.kinds().stream()
                .map(k -> new PaletteEntry(k.type(), k.category().name().toLowerCase(Locale.ROOT),
                        k.category().label(), k.description()))
                .toList());
        for (var block : BuiltInBlocks.all()) {
            entries.add(new PaletteEntry(BlockInstance.TYPE + ":" + block.name(), "block", "Blocks",
                    block.description()));
        }
        return List.copyOf(entries);
    }

    public CanvasModel build(long revision, Design design, Analysis analysis, List<String> selectIds, long selectSeq,
                             long fitSeq) {
        return build(revision, design, analysis, selectIds, selectSeq, fitSeq, java.util.Set.of());
    }

    /**
     * The canvas model with the block instances in {@code expanded} (instance ids; an inner instance as
     * {@code instance/inner}) drawn as frames holding their inner layers. The blocks are the ones the design carries
     * (a stored design carries the workspace versions it pins) and the built-in ones, as for the analysis.
     */
    public CanvasModel build(long revision, Design design, Analysis analysis, List<String> selectIds, long selectSeq,
                             long fitSeq, java.util.Set<String> expanded) {
        Map<String, String> groupOf = new HashMap<>();
        for (Network n : design.networks()) {
            n.nodeIds().forEach(id -> groupOf.put(id, n.name()));
        }
        Map<String, Integer> highestPort = new HashMap<>();
        for (Edge e : design.edges()) {
            highestPort.merge(e.to(), e.toPort(), Math::max);
        }
        List<CanvasNode> nodes = new ArrayList<>();
        BlockLibrary blocks = BlockLibrary.of(design.blocks()).before(BuiltInBlocks.library());
        ExpandedBlocks inner = new ExpandedBlocks(blocks, analysis, expanded, this);
        for (Node n : design.nodes()) {
            NodeReport report = analysis.node(n.id()).orElse(null);
            ExpandedBlocks.Size frame = inner.frame(n.id(), n);
            BlockView view = new BlockView(null, true, frame != null, width(frame), height(frame));
            nodes.add(BlockInstance.of(n).map(b -> instance(n, b, blocks, report, groupOf.get(n.id()), view))
                    .orElseGet(() -> node(n, report, highestPort.get(n.id()), groupOf.get(n.id()), null)));
            inner.addInner(n.id(), n);
        }
        List<CanvasEdge> edges = new ArrayList<>(design.edges().stream()
                .map(e -> new CanvasEdge(e.from() + "->" + e.to() + ":" + e.toPort(), e.from(), "out", e.to(),
                        "in-" + e.toPort(), e.toPort(), false))
                .toList());
        // inner layers after the top-level ones: React Flow draws a frame's children after the frame
        nodes.addAll(inner.nodes);
        edges.addAll(inner.edges);
        List<CanvasGroup> groups = design.networks().stream()
                .map(n -> new CanvasGroup(n.name(), label(n.name()), n.nodeIds())).toList();
        return new CanvasModel(revision, nodes, edges, groups, selectIds, selectSeq, fitSeq, false);
    }

    /**
     * How big top-level layer {@code id} is drawn with the instances in {@code expanded} open: its block's frame, or
     * a layer's usual box.
     */
    public dev.netwright.designer.layout.FrameRoom.Size drawnSize(Design design, java.util.Set<String> expanded,
                                                                 String id) {
        BlockLibrary blocks = BlockLibrary.of(design.blocks()).before(BuiltInBlocks.library());
        // the frame's size depends on the blocks and what is open only, not on the analysis
        ExpandedBlocks.Size frame = design.node(id).map(n -> new ExpandedBlocks(blocks, null, expanded, this)
                .frame(id, n)).orElse(null);
        return frame == null ? dev.netwright.designer.layout.FrameRoom.LAYER
                : new dev.netwright.designer.layout.FrameRoom.Size(frame.width(), frame.height());
    }

    /** A layer inside an expanded block (read only; its report is the expansion's, id {@code instance/inner}). */
    CanvasNode innerLayer(Node n, String id, NodeReport report, String parent) {
        Node renamed = new Node(id, n.type(), n.params(), n.position());
        return node(renamed, report, null, null, new BlockView(parent, false, false, 0, 0));
    }

    /** A block instance inside an expanded block: collapsed ({@code frame} null) or expanded itself. */
    CanvasNode innerInstance(Node n, String id, NodeReport report, String parent, ExpandedBlocks.Size frame,
                             BlockLibrary blocks) {
        Node renamed = new Node(id, n.type(), n.params(), n.position());
        BlockInstance b = BlockInstance.of(renamed).orElse(null);
        BlockView view = new BlockView(parent, true, frame != null, width(frame), height(frame));
        return b == null ? node(renamed, report, null, null, view)
                : instance(renamed, b, blocks, report, null, view);
    }

    private static double width(ExpandedBlocks.Size size) {
        return size == null ? 0 : size.width();
    }

    private static double height(ExpandedBlocks.Size size) {
        return size == null ? 0 : size.height();
    }

    private CanvasNode node(Node n, NodeReport report, Integer highestPort, String group, BlockView view) {
        LayerKind kind = catalog.find(n.type()).orElse(null);
        String category = kind == null ? "unknown" : kind.category().name().toLowerCase(Locale.ROOT);
        String summary = kind == null ? "" : NodeSummary.of(n, kind);
        // merges always offer one free port beyond the highest connected one
        int ports = kind == null ? 1 : kind.maxInputs() <= 1 ? kind.maxInputs()
                : Math.max(kind.minInputs(), (highestPort == null ? -1 : highestPort) + 2);
        return withReport(n, n.type(), category, summary, report, ports, group, view);
    }

    /** A block instance drawn collapsed: the block's name and version, its output shape, count and problems. */
    private CanvasNode instance(Node n, BlockInstance b, BlockLibrary blocks, NodeReport report, String group,
                                BlockView view) {
        int ports = blocks.find(b.ref()).map(d -> d.inputs().size()).orElse(1);
        String summary = String.join(", ", b.values().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
        return withReport(n, b.ref().name() + " v" + b.ref().version(), "block", summary, report, ports, group, view);
    }

    private static CanvasNode withReport(Node n, String type, String category, String summary, NodeReport report,
                                         int ports, String group, BlockView view) {
        String shape = report == null || report.outputShape() == null ? null : report.outputShape().toString();
        long params = report == null ? 0 : report.cost().trainableParams() + report.cost().nonTrainableParams();
        List<CanvasProblem> problems = report == null ? List.of() : report.problems().stream()
                .map(p -> new CanvasProblem(p.message(), p.hint() == null ? "" : p.hint()))
                .toList();
        return new CanvasNode(n.id(), type, category, summary, shape, params,
                Numbers.grouped(params) + (params == 1 ? " param" : " params"), problems, n.position().x(),
                n.position().y(), ports, true, group, null, n.frozen(), null, view);
    }

    private static String label(String network) {
        return network.isEmpty() ? network : Character.toUpperCase(network.charAt(0)) + network.substring(1);
    }
}
