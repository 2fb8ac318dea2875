package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.RegressionReport;
import dev.netwright.engine.train.metrics.Reports;
import dev.netwright.engine.train.metrics.SplitScores;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a block in inference mode (dropout off, batch-norm running statistics) over a dataset and scores it.
 * Uses a fresh parameter store so it always sees the block's current parameter arrays, also after a
 * checkpoint was loaded into the block. Batches are gathered one ahead on a {@link Prefetcher}'s thread while the
 * current one runs, as in training.
 */
final class SplitEvaluator {
    /** With the prefetcher two batches are in host memory at once: as many rows as one batch of 512 used to be. */
    private static final int EVAL_BATCH = 256;
    private final Block block;
    private final Loss loss;
    private final List<String> classNames;
    private final boolean classification;

    /** {@code classNames} are the training data's classes; empty for regression. */
    SplitEvaluator(Block block, Loss loss, List<String> classNames) {
        this.block = block;
        this.loss = loss;
        this.classNames = List.copyOf(classNames);
        this.classification = !classNames.isEmpty();
    }

    EvaluationReport evaluate(NDManager parent, ArrayDataset data) {
        Batcher batcher = new Batcher(data, EVAL_BATCH);
        int[] predictedClasses = new int[data.size()];
        float[] predictedValues = new float[data.targets().length];
        double lossSum = 0;
        try (NDManager manager = parent.newSubManager();
             Prefetcher prefetcher = new Prefetcher(batcher, Augmentation.NONE, 0)) {
            ParameterStore store = new ParameterStore(manager, false);
            prefetcher.beginEpoch(batcher.identity(), 0);
            int offset = 0;
            for (int b = 0; b < batcher.batchCount(); b++) {
                // the batch's arrays are closed with bm before the next take (the prefetcher's contract)
                Batcher.HostBatch host = prefetcher.take(b);
                try (NDManager bm = manager.newSubManager()) {
                    NDArray x = host.features(bm);
                    NDArray y = host.targets(bm);
                    NDList out = block.forward(store, new NDList(x), false);
                    int n = batcher.size(b);
                    NDArray logits = out.singletonOrThrow();
                    // the batch's loss and its predictions in one device-to-host copy (each copy waits for the
                    // device); class indices are exact as floats
                    NDArray predicted = classification ? Predictions.classIndices(logits) : logits.reshape(-1);
                    float[] read = NDArrays.concat(new NDList(
                            loss.evaluate(new NDList(y), out).toType(DataType.FLOAT32, false).reshape(1),
                            predicted.toType(DataType.FLOAT32, false))).toFloatArray();
                    lossSum += read[0] * n;
                    if (classification) {
                        for (int i = 0; i < n; i++) {
                            predictedClasses[offset + i] = Math.round(read[1 + i]);
                        }
                    } else {
                        System.arraycopy(read, 1, predictedValues, offset * data.targetWidth(), read.length - 1);
                    }
                    offset += n;
                }
            }
        }
        double meanLoss = lossSum / data.size();
        if (classification) {
            int[] actual = new int[data.size()];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = Math.round(data.targets()[i]);
            }
            return Reports.classification(predictedClasses, actual, classNames, meanLoss);
        }
        return Reports.regression(predictedValues, data.targets(), meanLoss);
    }

    static SplitScores scores(EvaluationReport report) {
        return switch (report) {
            case ClassificationReport c ->
                    SplitScores.classification(c.loss(), c.accuracy());
            case RegressionReport r -> SplitScores.regression(r.loss(), r.mae(), r.rmse());
        };
    }

    /**
     * Class names a run reports: the training data's names, or "0".."k-1" when it has none (k from the largest
     * class index, at least 2). Taken from the training data so that validation and test splits that miss a class
     * still get the full confusion matrix.
     */
    static List<String> classNames(ArrayDataset data) {
        if (data.task() != ArrayDataset.Task.CLASSIFICATION) {
            return List.of();
        }
        if (!data.classNames().isEmpty()) {
            return data.classNames();
        }
        int max = 1;
        for (float t : data.targets()) {
            max = Math.max(max, Math.round(t));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
