package dev.netwright.engine.compile;

import dev.netwright.designer.catalog.LayerParams;
import dev.netwright.designer.model.Shape;
import java.util.List;

/**
 * Everything needed to build one node's DJL block: its checked parameters and the shapes the designer inferred.
 *
 * @param nodeId           the node
 * @param type             its layer type
 * @param params           checked parameter values with defaults
 * @param inputShapes      input shapes without batch, in port order
 * @param outputShape      output shape without batch
 * @param skipActivation   true for the output node when its softmax/sigmoid is folded into the loss
 */
public record LayerSpec(String nodeId, String type, LayerParams params, List<Shape> inputShapes, Shape outputShape,
                        boolean skipActivation) {
    public Shape input() {
        return inputShapes.get(0);
    }
}
