package dev.netwright.designer.analysis;

import dev.netwright.designer.block.BlockExpansion;
import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.block.BlockRef;
import dev.netwright.designer.catalog.LayerCost;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the analysis of a flattened design back into what the design's own nodes show: every problem found inside
 * an instance is reported on the instance node (naming the inner node, and the exposed parameter when the inner
 * value came from one), and each instance gets a collapsed report (its output shape, summed cost and problems).
 * The node list, networks and totals stay those of the flattened design, so compilation, export and the summary
 * see exactly the expansion.
 */
final class BlockFolding {
    private BlockFolding() {
    }

    static Analysis fold(Design design, BlockExpansion expansion, Analysis flat) {
        List<Problem> problems = new ArrayList<>(expansion.problems());
        for (Problem p : flat.problems()) {
            problems.add(retarget(p, expansion));
        }
        Map<String, NodeReport> byId = new HashMap<>(flat.byId());
        for (Node n : design.nodes()) {
            if (BlockInstance.isInstance(n)) {
                byId.put(n.id(), collapsed(design, n, expansion, flat, problems));
            }
        }
        return new Analysis(flat.design(), flat.nodes(), problems, flat.networks(), flat.totals(), byId);
    }

    private static Problem retarget(Problem p, BlockExpansion expansion) {
        String instance = p.nodeId() == null ? null : expansion.instanceOf().get(p.nodeId());
        if (instance == null) {
            return p;
        }
        BlockRef ref = expansion.refs().get(instance);
        String inner = p.nodeId().substring(instance.length() + 1);
        String exposed = p.param() == null ? null
                : expansion.boundParams().getOrDefault(p.nodeId(), Map.of()).get(p.param());
        String message = "in block " + ref + ", inner node '" + inner + "'"
                + (p.param() == null ? "" : " (parameter '" + p.param() + "')") + ": " + p.message();
        return new Problem(p.severity(), p.code(), instance, exposed, message, p.hint());
    }

    private static NodeReport collapsed(Design design, Node instance, BlockExpansion expansion, Analysis flat,
                                        List<Problem> problems) {
        String id = instance.id();
        LayerCost cost = LayerCost.FREE;
        long bytes = 0;
        for (NodeReport r : flat.nodes()) {
            if (id.equals(expansion.instanceOf().get(r.nodeId()))) {
                cost = cost.plus(r.cost());
                bytes += r.activationBytes();
            }
        }
        String outputId = expansion.outputOf().get(id);
        NodeReport output = outputId == null ? null : flat.byId().get(outputId);
        List<String> inputs = design.edges().stream().filter(e -> e.to().equals(id))
                .sorted(Comparator.comparingInt(Edge::toPort)).map(Edge::from).toList();
        return new NodeReport(id, instance.type(), output == null ? null : output.network(), inputs,
                output == null ? null : output.outputShape(), cost, bytes,
                problems.stream().filter(p -> id.equals(p.nodeId())).toList());
    }
}
