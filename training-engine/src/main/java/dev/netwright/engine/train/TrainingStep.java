package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.compile.SavedScalar;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.Regularization;
import dev.netwright.engine.train.profile.BatchProfile.Stage;
import dev.netwright.engine.train.profile.BatchProfile;

import java.util.Arrays;
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
    private final DataParallel parallel;
    private final BatchProfile profile;
    private final boolean readOnHost;

    /**
     * What a step reports.
     *
     * @param loss         mean data loss
     * @param gradientNorm global gradient norm before clipping
     * @param correct      correctly classified samples (classification)
     * @param absError     sum of absolute errors (regression)
     * @param squaredError sum of squared errors (regression)
     * @param values       number of target values (regression)
     * @param parameterSquares sum of squared gradient values per parameter, before clipping (for per-layer norms)
     */
    record Outcome(double loss, double gradientNorm, long correct, double absError, double squaredError,
                   long values, float[] parameterSquares) {
        boolean isFinite() {
            return Double.isFinite(loss) && Double.isFinite(gradientNorm);
        }
    }

    /** What {@link #run} returns: the step's outcome, known on the host now or still on the device. */
    sealed interface Report permits Known, OnDevice {
    }

    /** An outcome read before the update (clipping needs the gradient norm first). */
    record Known(Outcome outcome) implements Report {
    }

    /**
     * An outcome still on the device, as one FLOAT32 vector: loss, then correct predictions (classification) or
     * the sums of absolute and squared errors (regression), then each parameter's gradient norm.
     * Reading it waits for the device, so several steps' vectors are read in one copy ({@link StatsWindow}).
     *
     * @param values number of target values of the batch (regression; known from the shape without a read)
     */
    record OnDevice(NDArray stats, boolean classification, long values) implements Report {
        /** The outcome from this vector's {@code length} values copied to the host, starting at {@code from}. */
        Outcome read(float[] host, int from, int length) {
            int head = classification ? 2 : 3;
            float[] squares = squares(Arrays.copyOfRange(host, from + head, from + length));
            double norm = Math.sqrt(sum(squares));
            return classification
                    ? new Outcome(host[from], norm, Math.round(host[from + 1]), 0, 0, 0, squares)
                    : new Outcome(host[from], norm, 0, host[from + 1], host[from + 2], values, squares);
        }
    }

    /**
     * @param readOnHost whether the step's values are read as soon as it ends ({@link Known}) rather than kept on the
     *                   device in one vector ({@link OnDevice}): on the CPU, where nothing waits for a device, each
     *                   engine call on a small array costs more than reading the values themselves
     */
    TrainingStep(Trainer trainer, Loss loss, Regularization regularization, GradientClipping clipping,
                 ParameterUpdater updater, boolean classification, DataParallel parallel, BatchProfile profile,
                 boolean readOnHost) {
        this.trainer = trainer;
        this.readOnHost = readOnHost;
        this.profile = profile;
        this.parallel = parallel;
        this.loss = loss;
        this.regularization = regularization;
        this.clipping = clipping;
        this.updater = updater;
        this.classification = classification;
    }

    Report run(NDArray x, NDArray y, double learningRate) {
        NDArray prediction;
        NDArray dataLoss;
        EngineSupport.collectorLock().lock();
        try (GradientCollector collector = trainer.newGradientCollector()) {
            // one device: the plain forward pass; several: sharded, and backward sums the replicas' gradients
            DataParallel.Pass pass = parallel.forward(x, y, loss);
            prediction = pass.prediction();
            dataLoss = pass.loss();
            NDArray penalty = regularization.isActive() ? penalty(dataLoss) : null;
            NDArray total = penalty == null ? dataLoss : dataLoss.add(penalty);
            profile.lap(Stage.FORWARD);
            collector.backward(total);
            profile.lap(Stage.BACKWARD);
        } finally {
            EngineSupport.collectorLock().unlock();
        }
        List<ParameterGradient> parameters = ParameterAccess.gradients(trainer.getModel().getBlock());
        if (clipping.maxGlobalNorm() > 0 || clipping.maxValue() > 0) {
            // clipping needs the norm before the update: read it now
            double lossValue = dataLoss.getFloat();
            float[] squares = squares(NDArrays.stack(parameterNorms(parameters)).toFloatArray());
            // the per-layer norms give the global one: not computed a second time
            GradientClipper.Clipped clipped = GradientClipper.clip(parameters, clipping, Math.sqrt(sum(squares)));
            if (Double.isFinite(lossValue) && Double.isFinite(clipped.normBefore())) {
                updater.update(clipped.parameters(), learningRate);
            }
            ParameterAccess.clearGradients(parameters);
            return new Known(score(prediction, y, lossValue, clipped.normBefore(), squares));
        }
        // Without clipping nothing needs a value before the update, so loss, gradient norm and accuracy stay on
        // the device in one vector, read with other steps' in one copy: per-batch synchronisation is what costs
        // small models their speed, and on a GPU it stops the host from queuing the next batch. A non-finite
        // loss or norm ends the run when the vector is read.
        // Per-parameter norms (not just the global one) so the trainer can report each layer's norm; the global
        // norm follows from them on the host, so this costs no extra copy.
        NDList norms = parameterNorms(parameters);
        profile.lap(Stage.GRADIENT_NORMS);
        updater.update(parameters, learningRate);
        profile.lap(Stage.OPTIMIZER);
        ParameterAccess.clearGradients(parameters);
        profile.lap(Stage.ZERO_GRADIENTS);
        Outcome read = readOnHost ? readNow(prediction, y, dataLoss, norms) : null;
        if (read != null) {
            profile.lap(Stage.METRICS);
            return new Known(read);
        }
        // every value is a scalar, stacked (and converted to FLOAT32) in one call: each native call costs a small
        // model about as much as its arithmetic
        NDList values = new NDList(norms.size() + 3);
        values.add(dataLoss);
        if (classification) {
            NDArray predicted = prediction.getShape().get(1) == 1 ? prediction.gt(0).reshape(-1)
                    : prediction.argMax(-1);
            NDArray labels = y.getShape().dimension() == 1 ? y : y.reshape(-1);
            values.add(predicted.eq(labels).sum());
            values.addAll(norms);
            NDArray stats = NDArrays.stack(values).toType(DataType.FLOAT32, false);
            profile.lap(Stage.METRICS);
            return new OnDevice(stats, true, 0);
        }
        NDArray error = prediction.sub(y.reshape(prediction.getShape()));
        values.add(error.abs().sum());
        values.add(error.square().sum());
        values.addAll(norms);
        NDArray stats = NDArrays.stack(values).toType(DataType.FLOAT32, false);
        profile.lap(Stage.METRICS);
        return new OnDevice(stats, false, error.size());
    }

    /**
     * The step's outcome read now, the same values the {@link OnDevice} vector gives. A step on the CPU after the
     * optimizer's large kernels had each small engine call at 10-60 us (libtorch's dispatch runs from caches the
     * kernels emptied; 3-5 us each in a loop of small calls alone), so that the accuracy's argmax, comparison and sum
     * and the vector's stack took 0.12-0.14 ms per batch of the benchmark MLP's 2.3; reading the logits and labels
     * and counting ({@link #score}, as a clipped step is read) takes a few microseconds.
     */
    private Outcome readNow(NDArray prediction, NDArray y, NDArray dataLoss, NDList norms) {
        if (y.getDataType() != DataType.FLOAT32) {
            return null; // read through the vector, which converts
        }
        float[] squares = new float[norms.size()];
        for (int i = 0; i < squares.length; i++) {
            float norm = norms.get(i).toFloatArray()[0];
            squares[i] = norm * norm;
        }
        return score(prediction, y, dataLoss.toFloatArray()[0], Math.sqrt(sum(squares)), squares);
    }

    /**
     * Samples whose predicted class equals their label: with one output the class is 1 where the logit is above 0,
     * else the index of the first highest of the {@code classes} logits of the sample (a NaN counts as the highest,
     * as the engine's argmax has it).
     */
    static long correct(float[] logits, int classes, float[] labels) {
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int predicted;
            if (classes == 1) {
                predicted = logits[i] > 0 ? 1 : 0;
            } else {
                int from = i * classes;
                predicted = 0;
                float best = logits[from];
                for (int c = 1; c < classes && !Float.isNaN(best); c++) {
                    float v = logits[from + c];
                    if (v > best || Float.isNaN(v)) {
                        best = v;
                        predicted = c;
                    }
                }
            }
            if (predicted == Math.round(labels[i])) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * Each parameter's gradient norm, as a FLOAT32 scalar on the device: one norm kernel per parameter (a single
     * read of the gradient, no temporary of its size).
     */
    private static NDList parameterNorms(List<ParameterGradient> parameters) {
        NDList norms = new NDList(parameters.size());
        for (ParameterGradient p : parameters) {
            // a gradient has its weight's type; the weight array caches it, asking the fresh gradient array costs
            // a native call per parameter
            NDArray g = p.weight().getDataType() == DataType.FLOAT32 ? p.gradient()
                    : p.gradient().toType(DataType.FLOAT32, false);
            norms.add(g.norm());
        }
        return norms;
    }

    /** Sums of squared gradient values from norms (in place). */
    private static float[] squares(float[] norms) {
        for (int i = 0; i < norms.length; i++) {
            norms[i] = norms[i] * norms[i];
        }
        return norms;
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    /**
     * l1 * sum|w| + l2 * sum w^2 over weight parameters, recorded by autograd; null if there are none. The strengths
     * are arrays of the step ({@code stepArray}'s manager) that outlive the backward pass (see SavedScalar).
     */
    private NDArray penalty(NDArray stepArray) {
        NDArray total = null;
        for (NDArray w : ParameterAccess.weights(trainer.getModel().getBlock())) {
            NDArray term = null;
            if (regularization.l1() > 0) {
                term = w.abs().sum().mul(SavedScalar.of(stepArray, regularization.l1()));
            }
            if (regularization.l2() > 0) {
                NDArray l2 = w.square().sum().mul(SavedScalar.of(stepArray, regularization.l2()));
                term = term == null ? l2 : term.add(l2);
            }
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** A step's outcome from its loss and norms, read already: the accuracy or the error sums read now. */
    private Outcome score(NDArray prediction, NDArray y, double lossValue, double norm, float[] squares) {
        if (classification) {
            return new Outcome(lossValue, norm, correct(prediction, y.toFloatArray()), 0, 0, 0, squares);
        }
        NDArray error = prediction.sub(y.reshape(prediction.getShape()));
        return new Outcome(lossValue, norm, 0, error.abs().sum().getFloat(), error.square().sum().getFloat(),
                error.size(), squares);
    }

    /**
     * Correct predictions of a batch: counted on the host from the logits where they are FLOAT32, one row per label
     * (the engine's argmax and comparison, each a call that costs more than the count); else from the engine's
     * classes. As the vector's reading: one output (second axis of size 1) is binary, else the argmax of the last axis.
     */
    private static long correct(NDArray prediction, float[] labels) {
        Shape shape = prediction.getShape();
        int classes = shape.get(1) == 1 ? 1 : Math.toIntExact(shape.get(shape.dimension() - 1));
        if (prediction.getDataType() == DataType.FLOAT32 && prediction.size() == (long) labels.length * classes) {
            return correct(prediction.toFloatArray(), classes, labels);
        }
        int[] predicted = Predictions.classes(prediction);
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == Math.round(labels[i])) {
                correct++;
            }
        }
        return correct;
    }
}
