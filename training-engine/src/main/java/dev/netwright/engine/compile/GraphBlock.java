package dev.netwright.engine.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled network: runs one child block per node in topological order, feeding each node the outputs of its
 * inputs in port order. The input sample is reshaped to the design's Input shape when only its layout differs
 * (e.g. 28x28 images into an Input of [784]).
 */
public final class GraphBlock extends AbstractBlock {

    /** One node of the compiled graph. */
    record Step(String nodeId, Block block, List<String> inputs, long[] outputShape, List<long[]> inputShapes) {
    }

    private final String inputNodeId;
    private final long[] inputShape;
    private final String outputNodeId;
    private final long[] outputShape;
    private final List<Step> steps;

    GraphBlock(String inputNodeId, long[] inputShape, String outputNodeId, long[] outputShape, List<Step> steps) {
        this.inputNodeId = inputNodeId;
        this.inputShape = inputShape.clone();
        this.outputNodeId = outputNodeId;
        this.outputShape = outputShape.clone();
        this.steps = List.copyOf(steps);
        for (Step step : steps) {
            addChildBlock(step.nodeId(), step.block());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(run(store, inputs, training, params, false).get(outputNodeId));
    }

    /** Every node's output for one batch (for tests and the learning views); inference mode. */
    Map<String, NDArray> forwardAll(ParameterStore store, NDArray batch) {
        return run(store, new NDList(batch), false, null, true);
    }

    private Map<String, NDArray> run(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params, boolean keepAll) {
        NDArray x = inputs.head();
        Shape wanted = batched(x.getShape().get(0), inputShape);
        if (!x.getShape().equals(wanted)) {
            x = x.reshape(wanted);
        }
        Map<String, NDArray> values = keepAll ? new LinkedHashMap<>() : new HashMap<>();
        values.put(inputNodeId, x);
        for (Step step : steps) {
            NDList in = new NDList(step.inputs().size());
            for (String source : step.inputs()) {
                in.add(values.get(source));
            }
            values.put(step.nodeId(), step.block().forward(store, in, training, params).singletonOrThrow());
        }
        return values;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {batched(inputShapes[0].get(0), outputShape)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        for (Step step : steps) {
            List<Shape> shapes = new ArrayList<>();
            for (long[] s : step.inputShapes()) {
                shapes.add(batched(batch, s));
            }
            step.block().initialize(manager, dataType, shapes.toArray(Shape[]::new));
        }
    }

    static Shape batched(long batch, long[] sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = batch;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return new Shape(dims);
    }

    /** Each node's block by node id, in topological order (the Input node has none). */
    public Map<String, Block> nodeBlocks() {
        Map<String, Block> map = new LinkedHashMap<>();
        for (Step step : steps) {
            map.put(step.nodeId(), step.block());
        }
        return map;
    }

    /** The id of the node whose output this block returns. */
    public String outputNodeId() {
        return outputNodeId;
    }

    /** The design's Input shape without batch. */
    public long[] inputShape() {
        return inputShape.clone();
    }
}
