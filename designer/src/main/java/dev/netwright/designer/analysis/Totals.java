package dev.netwright.designer.analysis;

/**
 * Sums over a design or one of its networks.
 *
 * @param trainableParams         parameters the optimizer updates
 * @param nonTrainableParams      state stored with the weights but not trained
 * @param multiplyAdds            multiply-accumulates of one sample's forward pass
 * @param activationBytesPerSample float32 bytes of all layer outputs for one sample (kept for backpropagation)
 */
public record Totals(long trainableParams, long nonTrainableParams, long multiplyAdds, long activationBytesPerSample) {
    public static final Totals ZERO = new Totals(0, 0, 0, 0);
    static final int BYTES_PER_VALUE = 4;

    public long totalParams() {
        return trainableParams + nonTrainableParams;
    }

    public long parameterBytes() {
        return totalParams() * BYTES_PER_VALUE;
    }

    /**
     * A rough upper estimate of training memory: weights, their gradients and {@code optimizerSlots} state copies
     * (2 for Adam, 1 for momentum, 0 for plain SGD), plus activations and their gradients for one batch.
     */
    public long trainingMemoryBytes(int batchSize, int optimizerSlots) {
        long weights = (long) BYTES_PER_VALUE * trainableParams * (2 + optimizerSlots)
                + (long) BYTES_PER_VALUE * nonTrainableParams;
        return weights + 2L * activationBytesPerSample * batchSize;
    }

    Totals plus(long trainable, long nonTrainable, long macs, long activationBytes) {
        return new Totals(trainableParams + trainable, nonTrainableParams + nonTrainable, multiplyAdds + macs,
                activationBytesPerSample + activationBytes);
    }
}
