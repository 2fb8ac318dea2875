package dev.netwright.designer.coedit;

import dev.netwright.designer.block.BlockDefinition;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Network;
import dev.netwright.designer.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ops that turn one design into another. The designer's edits stay pure functions from design to design (paste,
 * auto-layout, make block...); what one gesture changed is sent to the server as this patch.
 */
public final class PatchDiff {
    private PatchDiff() {
    }

    public static DesignPatch between(Design before, Design after) {
        List<DesignOp> ops = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            ops.add(new DesignOp.SetText(DesignOp.TextField.NAME, before.name(), after.name()));
        }
        if (!before.description().equals(after.description())) {
            ops.add(new DesignOp.SetText(DesignOp.TextField.DESCRIPTION, before.description(), after.description()));
        }
        for (BlockDefinition b : after.blocks()) {
            if (!before.blocks().contains(b)) {
                ops.add(new DesignOp.AddBlock(b));
            }
        }
        Map<String, String> netBefore = networkOf(before);
        Map<String, String> netAfter = networkOf(after);
        Set<Edge> edgesAfter = new LinkedHashSet<>(after.edges());
        Set<Edge> edgesBefore = new LinkedHashSet<>(before.edges());
        for (Edge e : before.edges()) {
            if (!edgesAfter.contains(e)) {
                ops.add(new DesignOp.RemoveEdge(e));
            }
        }
        // a layer whose type or network changed is taken out and put back: no op changes either in place
        Set<String> replaced = new java.util.HashSet<>();
        for (Node n : before.nodes()) {
            Node m = after.node(n.id()).orElse(null);
            if (m == null || !m.type().equals(n.type()) || !Objects.equals(netBefore.get(n.id()), netAfter.get(n.id()))) {
                replaced.add(n.id());
                ops.add(new DesignOp.RemoveNode(n, netBefore.get(n.id())));
            }
        }
        for (Node m : after.nodes()) {
            Node n = before.node(m.id()).orElse(null);
            if (n == null || replaced.contains(m.id())) {
                ops.add(new DesignOp.AddNode(m, netAfter.get(m.id())));
                continue;
            }
            if (!n.position().equals(m.position())) {
                ops.add(new DesignOp.MoveNode(m.id(), n.position(), m.position()));
            }
            if (n.frozen() != m.frozen()) {
                ops.add(new DesignOp.SetFrozen(m.id(), n.frozen(), m.frozen()));
            }
            Set<String> names = new LinkedHashSet<>(n.params().keySet());
            names.addAll(m.params().keySet());
            for (String p : names) {
                Object was = n.params().get(p);
                Object is = m.params().get(p);
                if (!Objects.equals(was, is)) {
                    ops.add(new DesignOp.SetParam(m.id(), p, was, is));
                }
            }
        }
        for (Edge e : after.edges()) {
            if (!edgesBefore.contains(e)) {
                ops.add(new DesignOp.AddEdge(e));
            }
        }
        for (BlockDefinition b : before.blocks()) {
            if (!after.blocks().contains(b)) {
                ops.add(new DesignOp.RemoveBlock(b));
            }
        }
        return new DesignPatch(ops);
    }

    static Map<String, String> networkOf(Design design) {
        Map<String, String> of = new HashMap<>();
        for (Network net : design.networks()) {
            net.nodeIds().forEach(id -> of.put(id, net.name()));
        }
        return of;
    }
}
