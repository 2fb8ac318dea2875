package dev.netwright.designer.block;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import dev.netwright.designer.model.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Ungroup": replaces one block instance by its block's inner layers, one level deep (inner block instances stay
 * instances), so the design is the same network with ordinary layers where the instance was. Exposed parameters
 * become the instance's values; inner ids are prefixed with the instance id ({@code stage1_conv1}); positions keep
 * the block's inner layout, placed at the instance.
 */
public final class BlockUngrouping {
    private BlockUngrouping() {
    }

    /**
     * @throws IllegalArgumentException when {@code instanceId} is not a block instance of {@code design} or its block
     *                                  is unknown
     */
    public static Design ungroup(Design design, String instanceId, BlockLibrary library) {
        Node node = design.node(instanceId)
                .orElseThrow(() -> new IllegalArgumentException("there is no layer '" + instanceId + "'"));
        BlockInstance inst = BlockInstance.of(node)
                .orElseThrow(() -> new IllegalArgumentException("'" + instanceId + "' is not a block instance"));
        BlockDefinition def = BlockLibrary.of(design.blocks()).before(library).find(inst.ref())
                .orElseThrow(() -> new IllegalArgumentException("no block " + inst.ref() + " to ungroup"));
        Map<String, Object> values = new HashMap<>();
        def.params().forEach(p -> values.put(p.name(), p.defaultValue()));
        inst.values().forEach((k, v) -> {
            if (def.param(k).isPresent()) {
                values.put(k, v);
            }
        });

        Set<String> taken = new HashSet<>();
        design.nodes().forEach(n -> taken.add(n.id()));
        taken.remove(instanceId);
        Map<String, String> renamed = new HashMap<>();
        for (Node m : def.nodes()) {
            renamed.put(m.id(), unique(instanceId + "_" + m.id(), taken));
        }
        double minX = def.nodes().stream().mapToDouble(m -> m.position().x()).min().orElse(0);
        double minY = def.nodes().stream().mapToDouble(m -> m.position().y()).min().orElse(0);

        List<Node> nodes = new ArrayList<>();
        for (Node n : design.nodes()) {
            if (!n.id().equals(instanceId)) {
                nodes.add(n);
                continue;
            }
            for (Node m : def.nodes()) {
                Map<String, Object> params = new LinkedHashMap<>();
                m.params().forEach((k, v) -> params.put(k, v instanceof String s && s.startsWith("$")
                        && values.containsKey(s.substring(1)) ? values.get(s.substring(1)) : v));
                Position at = new Position(node.position().x() + m.position().x() - minX,
                        node.position().y() + m.position().y() - minY);
                nodes.add(new Node(renamed.get(m.id()), m.type(), params, at, node.frozen() || m.frozen()));
            }
        }

        List<Edge> edges = new ArrayList<>();
        for (Edge e : design.edges()) {
            if (e.to().equals(instanceId)) {
                String port = e.toPort() < def.inputs().size() ? def.inputs().get(e.toPort()) : null;
                def.edges().stream().filter(inner -> inner.from().equals(port))
                        .forEach(inner -> edges.add(new Edge(e.from(), renamed.get(inner.to()), inner.toPort())));
            } else if (e.from().equals(instanceId)) {
                edges.add(new Edge(renamed.get(def.output()), e.to(), e.toPort()));
            } else {
                edges.add(e);
            }
        }
        for (Edge inner : def.edges()) {
            if (!def.inputs().contains(inner.from())) {
                edges.add(new Edge(renamed.get(inner.from()), renamed.get(inner.to()), inner.toPort()));
            }
        }
        List<Network> networks = design.networks().stream().map(net -> new Network(net.name(),
                net.nodeIds().stream().flatMap(id -> id.equals(instanceId)
                        ? def.nodes().stream().map(m -> renamed.get(m.id())) : java.util.stream.Stream.of(id))
                        .toList())).toList();
        // the definition stays carried: nested instances and other instances may still use it
        return new Design(design.name(), design.description(), nodes, edges, networks, design.blocks());
    }

    private static String unique(String wanted, Set<String> taken) {
        String id = wanted;
        for (int i = 2; taken.contains(id); i++) {
            id = wanted + "_" + i;
        }
        taken.add(id);
        return id;
    }
}
