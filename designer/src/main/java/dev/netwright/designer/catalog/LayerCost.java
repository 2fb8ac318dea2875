package dev.netwright.designer.catalog;

/**
 * What one layer costs.
 *
 * @param trainableParams    parameters updated by the optimizer
 * @param nonTrainableParams state kept with the weights but not trained (BatchNorm running statistics)
 * @param multiplyAdds       multiply-accumulate operations for one sample's forward pass
 */
public record LayerCost(long trainableParams, long nonTrainableParams, long multiplyAdds) {
    public static final LayerCost FREE = new LayerCost(0, 0, 0);

    public static LayerCost compute(long multiplyAdds) {
        return new LayerCost(0, 0, multiplyAdds);
    }

    public long totalParams() {
        return trainableParams + nonTrainableParams;
    }

    public LayerCost plus(LayerCost other) {
        return new LayerCost(trainableParams + other.trainableParams, nonTrainableParams + other.nonTrainableParams,
                multiplyAdds + other.multiplyAdds);
    }
}
