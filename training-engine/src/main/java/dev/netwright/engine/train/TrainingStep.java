package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.Regularization;
import dev.netwright.engine.train.optim.GradientClipper;
import dev.netwright.engine.train.optim.ParameterGradient;
import dev.netwright.engine.train.optim.ParameterUpdater;

import java.util.List;

/**
 * One supervised update: forward, loss (+ L1/L2 penalty), backward, clipping, optimizer update, gradient reset.
 * Arrays it creates belong to the caller's batch scope.
 */
final class TrainingStep {
    private final Trainer trainer;
    private final Loss loss;
    private final Regularization regularization;
    private final GradientClipping clipping;
    private final ParameterUpdater updater;
    private final boolean classification;

    /**
     * What a step reports.
     *
     * @param loss         mean data loss
     * @param gradientNorm global gradient norm before clipping
     * @param correct      correctly classified samples (classification)
     * @param absError     sum of absolute errors (regression)
     * @param squaredError sum of squared errors (regression)
     * @param values       number of target values (regression)
     */
    record Outcome(double loss, double gradientNorm, long correct, double absError, double squaredError,
                   long values) {
        boolean isFinite() {
            return Double.isFinite(loss) && Double.isFinite(gradientNorm);
        }
    }

    TrainingStep(Trainer trainer, Loss loss, Regularization regularization, GradientClipping clipping,
                 ParameterUpdater updater, boolean classification) {
        this.trainer = trainer;
        this.loss = loss;
        this.regularization = regularization;
        this.clipping = clipping;
        this.updater = updater;
        this.classification = classification;
    }

    Outcome run(NDArray x, NDArray y, double learningRate) {
        NDArray prediction;
        NDArray dataLoss;
        EngineSupport.collectorLock().lock();
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(x));
            prediction = out.singletonOrThrow();
            dataLoss = loss.evaluate(new NDList(y), out);
            NDArray penalty = regularization.isActive() ? penalty() : null;
            collector.backward(penalty == null ? dataLoss : dataLoss.add(penalty));
        } finally {
            EngineSupport.collectorLock().unlock();
        }
        List<ParameterGradient> parameters = ParameterAccess.gradients(trainer.getModel().getBlock());
        if (clipping.maxGlobalNorm() > 0 || clipping.maxValue() > 0) {
            // clipping needs the norm before the update: read it now
            double lossValue = dataLoss.getFloat();
            GradientClipper.Clipped clipped = GradientClipper.clip(parameters, clipping);
            if (Double.isFinite(lossValue) && Double.isFinite(clipped.normBefore())) {
                updater.update(clipped.parameters(), learningRate);
            }
            ParameterAccess.clearGradients(parameters);
            return score(prediction, y, lossValue, clipped.normBefore());
        }
        // Without clipping nothing needs a value before the update, so loss, gradient norm and accuracy come back
        // in one device-to-host copy: per-batch synchronisation is what costs small models their speed. A
        // non-finite loss or norm still ends the run right after this step.
        NDArray squaredNorm = GradientClipper.squaredNorm(parameters);
        updater.update(parameters, learningRate);
        ParameterAccess.clearGradients(parameters);
        if (classification) {
            NDArray predicted = prediction.getShape().get(1) == 1 ? prediction.gt(0).reshape(-1)
                    : prediction.argMax(-1);
            NDArray correct = predicted.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .eq(y.reshape(-1)).sum().toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            float[] stats = ai.djl.ndarray.NDArrays.stack(new NDList(dataLoss.toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false), squaredNorm, correct)).toFloatArray();
            return new Outcome(stats[0], Math.sqrt(stats[1]), Math.round(stats[2]), 0, 0, 0);
        }
        float[] stats = ai.djl.ndarray.NDArrays.stack(new NDList(dataLoss.toType(ai.djl.ndarray.types.DataType.FLOAT32,
                false), squaredNorm)).toFloatArray();
        return score(prediction, y, stats[0], Math.sqrt(stats[1]));
    }

    /** l1 * sum|w| + l2 * sum w^2 over weight parameters, recorded by autograd; null if there are none. */
    private NDArray penalty() {
        NDArray total = null;
        for (NDArray w : ParameterAccess.weights(trainer.getModel().getBlock())) {
            NDArray term = null;
            if (regularization.l1() > 0) {
                term = w.abs().sum().mul(regularization.l1());
            }
            if (regularization.l2() > 0) {
                NDArray l2 = w.square().sum().mul(regularization.l2());
                term = term == null ? l2 : term.add(l2);
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private Outcome score(NDArray prediction, NDArray y, double lossValue, double norm) {
        if (classification) {
            int[] predicted = Predictions.classes(prediction);
            float[] actual = y.toFloatArray();
            long correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == Math.round(actual[i])) {
                    correct++;
                }
            }
            return new Outcome(lossValue, norm, correct, 0, 0, 0);
        }
        NDArray error = prediction.sub(y.reshape(prediction.getShape()));
        return new Outcome(lossValue, norm, 0, error.abs().sum().getFloat(), error.square().sum().getFloat(),
                error.size());
    }
}
