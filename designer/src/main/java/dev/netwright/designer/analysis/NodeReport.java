package dev.netwright.designer.analysis;

import dev.netwright.designer.catalog.LayerCost;
import dev.netwright.designer.model.Shape;
import java.util.List;

/**
 * What analysis found for one node.
 *
 * @param nodeId          the node
 * @param type            its layer type
 * @param network         the GAN network it belongs to, or null in a supervised design
 * @param inputs          ids of the nodes feeding it, in port order
 * @param outputShape     its output shape without the batch dimension, or null when it could not be inferred
 * @param cost            parameters and multiply-adds (zero when the shape is unknown)
 * @param activationBytes float32 bytes of its output for one sample
 * @param problems        problems concerning this node
 */
public record NodeReport(String nodeId, String type, String network, List<String> inputs, Shape outputShape,
                         LayerCost cost, long activationBytes, List<Problem> problems) {
    public NodeReport {
        inputs = List.copyOf(inputs);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
