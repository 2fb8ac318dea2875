package dev.netwright.designer.analysis;

import dev.netwright.designer.block.BlockInstance;
import dev.netwright.designer.model.Design;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of analysing a design: every problem at once, each node's shape and cost, and totals.
 *
 * @param design            the analysed design
 * @param nodes             one report per node, in topological order (nodes on cycles last, in design order)
 * @param problems          all problems, design-level ones included
 * @param networks          one report per trainable network
 * @param totals            sums over all nodes
 */
public record Analysis(Design design, List<NodeReport> nodes, List<Problem> problems, List<NetworkReport> networks,
                       Totals totals, Map<String, NodeReport> byId) {

    public Analysis {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
        networks = List.copyOf(networks);
        byId = Map.copyOf(byId);
    }

    /** True when there are no errors: the design can be compiled and trained. */
    public boolean valid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public Optional<NodeReport> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The collapsed report of every block instance of the analysed design (its output shape, summed cost and the
     * problems found inside it), by node id. {@link #nodes()} lists the expansion's layers instead.
     */
    public List<NodeReport> blockInstances() {
        return byId.values().stream().filter(r -> BlockInstance.TYPE.equals(r.type()))
                .sorted(java.util.Comparator.comparing(NodeReport::nodeId)).toList();
    }

    public Optional<NetworkReport> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
