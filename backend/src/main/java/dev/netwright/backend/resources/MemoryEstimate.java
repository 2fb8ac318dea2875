package dev.netwright.backend.resources;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.NetworkReport;
import dev.netwright.designer.analysis.Totals;
import dev.netwright.engine.train.config.OptimizerKind;
import java.util.Locale;

/**
 * Training memory of a design under some settings, estimated before a run is queued from the designer's analysis:
 * float32 weights, one gradient per trainable weight, the optimizer's state, and the layer outputs of one batch
 * ({@link #ACTIVATION_COPIES} copies), plus the engine's own working memory. The data set is not counted: it lives in
 * the worker's heap, not with the tensors.
 *
 * <p>Calibrated against libtorch on the CPU (peak resident-set growth while training the MLP, LeNet and residual CNN
 * templates at batch 64, 256 and 1024, one per JVM; docs/training.md has the table): per sample, training used 1.9
 * (MLP, residual CNN) to 2.6 (LeNet) times the outputs-plus-gradients figure, and up to about 75 MB beyond that
 * whatever the batch. The estimate stays above every measured peak.
 *
 * @param weightBytes     all parameters (trainable and running statistics)
 * @param gradientBytes   one gradient per trainable parameter
 * @param optimizerBytes  optimizer state: two moments for Adam/AdamW, one slot for momentum, Nesterov, RMSProp and
 *                        Adagrad, none for plain SGD
 * @param activationBytes layer outputs of one batch, their gradients and what the engine saves for the backward
 *                        pass; a GAN's discriminator sees a real and a generated batch
 * @param engineBytes     the engine's working memory beyond the tensors (allocator caches, temporaries)
 */
public record MemoryEstimate(long weightBytes, long gradientBytes, long optimizerBytes, long activationBytes,
                             long engineBytes) {
    private static final long BYTES_PER_VALUE = 4;
    /**
     * Copies of each layer output one training step holds: the output kept for the backward pass, its gradient, and
     * about as much again in what the engine saves besides (ReLU masks, pooling indices, convolution buffers).
     */
    static final int ACTIVATION_COPIES = 4;
    /**
     * What libtorch holds beyond the counted tensors, with the current batch's input data and allocator slack: measured
     * up to about 75 MB for the residual CNN at batch 64, kept well above that so that the estimate errs high.
     */
    static final long ENGINE_WORKING_BYTES = 128L << 20;

    public static MemoryEstimate of(Analysis analysis, OptimizerKind optimizer, int batchSize) {
        Totals totals = analysis.totals();
        long trainable = totals.trainableParams();
        long activationsPerSample = 0;
        if (analysis.design().isGan()) {
            for (NetworkReport n : analysis.networks()) {
                long perSample = n.totals().activationBytesPerSample();
                activationsPerSample = saturatedPlus(activationsPerSample,
                        n.name().equals("discriminator") ? saturatedTimes(2, perSample) : perSample);
            }
        } else {
            activationsPerSample = totals.activationBytesPerSample();
        }
        return new MemoryEstimate(saturatedTimes(BYTES_PER_VALUE, totals.totalParams()),
                saturatedTimes(BYTES_PER_VALUE, trainable),
                saturatedTimes(BYTES_PER_VALUE * slots(optimizer), trainable),
                saturatedTimes((long) ACTIVATION_COPIES * batchSize, activationsPerSample), ENGINE_WORKING_BYTES);
    }

    /** State copies per weight the optimizer keeps. */
    static int slots(OptimizerKind optimizer) {
        return switch (optimizer) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV, RMSPROP, ADAGRAD -> 1;
            case ADAM, ADAMW -> 2;
        };
    }

    public long totalBytes() {
        long sum = 0;
        for (long part : new long[] {weightBytes, gradientBytes, optimizerBytes, activationBytes, engineBytes}) {
            sum = saturatedPlus(sum, part);
        }
        return sum;
    }

    /** "weights 4.4 TB, gradients 4.4 TB, optimizer state 8.8 TB, activations of one batch 537 MB". */
    public String breakdown() {
        return "weights " + words(weightBytes) + ", gradients " + words(gradientBytes) + ", optimizer state "
                + words(optimizerBytes) + ", activations of one batch " + words(activationBytes) + ", engine "
                + words(engineBytes);
    }

    /** Bytes in decimal units, as memory is sold, to three figures: "4.4 TB", "24 GB", "512 MB". */
    public static String words(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        if (u == 0) {
            return bytes + " bytes";
        }
        String number = String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
        return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[u];
    }

    private static long saturatedPlus(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }

    private static long saturatedTimes(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
