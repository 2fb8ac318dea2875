package dev.netwright.engine.run;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.netwright.engine.compile.GraphBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transfer learning between compiled networks: copies the weights of every node that has the same id and the same
 * parameter shapes in both networks, and freezes chosen nodes so the optimizer leaves them alone.
 */
final class WeightTransfer {
    private WeightTransfer() {
    }

    /** What a transfer did, node by node. */
    public record Report(List<String> copied, List<String> skipped) {
        public Report {
            copied = List.copyOf(copied);
            skipped = List.copyOf(skipped);
        }
    }

    /** Both blocks must be initialised. Nodes that differ in parameter shapes are skipped, never partly copied. */
    public static Report copy(GraphBlock from, GraphBlock to) {
        Map<String, Block> source = from.nodeBlocks();
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        to.nodeBlocks().forEach((id, target) -> {
            Block origin = source.get(id);
            if (origin == null) {
                return;
            }
            List<Parameter> a = origin.getParameters().values();
            List<Parameter> b = target.getParameters().values();
            if (a.isEmpty() && b.isEmpty()) {
                return;
            }
            boolean same = a.size() == b.size();
            for (int i = 0; same && i < a.size(); i++) {
                same = a.get(i).getArray().getShape().equals(b.get(i).getArray().getShape());
            }
            if (!same) {
                skipped.add(id);
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                b.get(i).getArray().set(a.get(i).getArray().toByteBuffer());
            }
            copied.add(id);
        });
        return new Report(copied, skipped);
    }

    /**
     * Freezes (or unfreezes) the parameters of the given nodes; a block instance's id covers the layers it expands
     * to (flat ids {@code instance/inner}).
     */
    public static void freeze(GraphBlock block, Set<String> nodeIds, boolean frozen) {
        block.nodeBlocks().forEach((id, b) -> {
            if (nodeIds.contains(id) || nodeIds.stream().anyMatch(n -> id.startsWith(n + "/"))) {
                b.freezeParameters(frozen);
            }
        });
    }
}
