package dev.netwright.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.batch.Batcher;
import dev.netwright.engine.train.batch.HoldOut;
import dev.netwright.engine.train.checkpoint.CheckpointStore;
import dev.netwright.engine.train.checkpoint.RunState;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.ScheduleKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.loss.Losses;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.SplitScores;
import dev.netwright.engine.train.metrics.TrainingListener;
import dev.netwright.engine.train.monitor.ImprovementTracker;
import dev.netwright.engine.train.optim.ParameterUpdater;
import dev.netwright.engine.train.optim.Updaters;
import dev.netwright.engine.train.parallel.DataParallel;
import dev.netwright.engine.train.parallel.DevicePlan;
import dev.netwright.engine.train.schedule.LearningRateSchedule;
import dev.netwright.engine.train.schedule.PlateauReducer;
import dev.netwright.engine.train.schedule.Schedules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains any DJL {@link Block} on in-memory data with a {@link TrainingConfig}.
 *
 * <p>Per epoch it reports metrics to the listener and writes the {@code last} checkpoint (parameters, optimizer
 * state, counters) and, when the monitored metric improved, the {@code best} checkpoint. It stops on
 * early stopping, cancellation (checked before every batch) or divergence (NaN/Inf loss or gradients). At the end
 * it loads the best parameters and evaluates the test split. The block is trained in place; its in-memory
 * parameters are released when the call returns, the trained weights stay in the checkpoints.
 *
 * <p>Runs on the calling thread. Concurrent runs on other threads are safe (forward/backward sections are
 * serialised, see {@link EngineSupport#collectorLock()}), but seeded reproducibility holds only for runs that
 * do not overlap, because the engine's random generator is process-wide.
 */
public final class SupervisedTrainer {
    private static final System.Logger LOG = System.getLogger(SupervisedTrainer.class.getName());

    private final TrainingConfig config;
    private final TrainingListener listener;
    private final java.util.function.Consumer<Block> warmStart;

    public SupervisedTrainer(TrainingConfig config, TrainingListener listener) {
        this(config, listener, block -> { });
    }

    private SupervisedTrainer(TrainingConfig config, TrainingListener listener,
                              java.util.function.Consumer<Block> warmStart) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.warmStart = Objects.requireNonNull(warmStart, "warmStart");
    }

    /**
     * Trains from freshly initialised parameters.
     *
     * @param block         network producing logits (classification) or values (regression)
     * @param sampleShape   shape of one input sample, without the batch dimension
     * @param data          train / validation / test data
     * @param checkpointDir folder for the {@code best} and {@code last} checkpoints (created)
     * @param cancel        cooperative cancellation flag
     */
    /**
     * A trainer that, on a fresh (not resumed) run, calls {@code warmStart} with the initialised block before the
     * first step: transfer learning copies earlier weights and freezes nodes there.
     */
    public SupervisedTrainer withWarmStart(java.util.function.Consumer<Block> hook) {
        return new SupervisedTrainer(config, listener, hook);
    }

    public TrainingResult train(Block block, Shape sampleShape, TrainingData data, Path checkpointDir,
                                CancellationFlag cancel) {
        return run(block, sampleShape, data, checkpointDir, cancel, false);
    }

    /**
     * Continues the run whose {@code last} checkpoint is in {@code checkpointDir}: parameters, optimizer state,
     * epoch and step counters, best value and plateau state are restored; training goes on with the next epoch
     * up to {@code config.epochs()}. {@code block} must be a fresh instance of the same network.
     */
    public TrainingResult resume(Block block, Shape sampleShape, TrainingData data, Path checkpointDir,
                                 CancellationFlag cancel) {
        return run(block, sampleShape, data, checkpointDir, cancel, true);
    }

    private TrainingResult run(Block block, Shape sampleShape, TrainingData data, Path checkpointDir,
                               CancellationFlag cancel, boolean resume) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(cancel, "cancel");
        checkTask(data.train(), sampleShape);
        ArrayDataset train = data.train();
        Optional<ArrayDataset> validation = data.validation();
        if (validation.isEmpty() && config.validationFraction() > 0) {
            HoldOut.Split split = HoldOut.split(train, config.validationFraction(), config.seed());
            train = split.train();
            validation = Optional.of(split.validation());
        }
        EngineSupport.prepareThread(config.seed());
        DevicePlan plan = DevicePlan.resolve(config.devices(), ai.djl.engine.Engine.getInstance());
        Device device = plan.primary();
        CheckpointStore store = new CheckpointStore(checkpointDir);
        Loss loss = Losses.create(config.loss(), config.huberDelta());
        try (Model model = Model.newInstance("netwright", device)) {
            model.setBlock(block);
            DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                    .optInitializer(Initializers.create(config.weightInit(), config.initScale()),
                            Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(djlConfig);
                 ParameterUpdater updater = Updaters.create(config.optimizer(), model.getNDManager())) {
                RunState start = null;
                if (resume) {
                    start = store.readState(CheckpointStore.Slot.LAST).orElseThrow(() ->
                            new IllegalStateException("no checkpoint to resume in " + checkpointDir));
                    store.loadParameters(CheckpointStore.Slot.LAST, model);
                }
                trainer.initialize(batchShape(sampleShape));
                if (start == null) {
                    warmStart.accept(block);
                }
                checkOutput(block, batchShape(sampleShape), train);
                ParameterAccess.attachGradients(block);
                if (start != null) {
                    long steps = start.updaterSteps();
                    store.readOptimizerState(CheckpointStore.Slot.LAST, model.getNDManager())
                            .ifPresent(state -> updater.importState(state, steps));
                    listener.onMessage("resumed after epoch " + start.epochsCompleted());
                }
                Loop loop = new Loop(model, trainer, updater, loss, train, validation, store, cancel, start,
                        plan, LayerGroups.of(block));
                TrainingResult result = loop.run();
                return withTestEvaluation(result, model, loss, store, SplitEvaluator.classNames(train),
                        data.test());
            }
        }
    }

    private void checkTask(ArrayDataset train, Shape sampleShape) {
        if (!Arrays.equals(sampleShape.getShape(), train.sampleShape())) {
            throw new IllegalArgumentException("input shape " + sampleShape + " does not match the samples of "
                    + train.name() + ", which have shape " + new Shape(train.sampleShape()));
        }
        boolean classificationData = train.task() == ArrayDataset.Task.CLASSIFICATION;
        if (train.task() == ArrayDataset.Task.UNLABELLED) {
            throw new IllegalArgumentException("dataset " + train.name() + " has no targets: supervised training"
                    + " needs labelled data (use the GAN trainer for unlabelled data)");
        }
        if (classificationData != config.loss().isClassification()) {
            throw new IllegalArgumentException("loss " + config.loss() + " does not fit the " + train.task()
                    + " dataset " + train.name());
        }
        if (classificationData && train.targetWidth() != 1) {
            throw new IllegalArgumentException("classification targets must be one class index per sample, got "
                    + train.targetWidth());
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("dataset " + train.name() + " is empty");
        }
        if (classificationData) {
            int classes = config.loss() == LossKind.BINARY_CROSS_ENTROPY ? 2
                    : SplitEvaluator.classNames(train).size();
            for (float t : train.targets()) {
                if (t != Math.rint(t) || t < 0 || t >= classes) {
                    throw new IllegalArgumentException("class index " + t + " in " + train.name()
                            + " is not one of 0.." + (classes - 1)
                            + (classes == 2 && config.loss() == LossKind.BINARY_CROSS_ENTROPY
                            ? " (binary cross-entropy needs 0/1 targets)" : ""));
                }
            }
        }
    }

    /** Fails early, with the numbers, when the network's output does not fit the loss and targets. */
    private void checkOutput(Block block, Shape batchShape, ArrayDataset train) {
        Shape out = block.getOutputShapes(new Shape[] {batchShape})[0];
        long width = out.dimension() < 2 ? 1 : out.get(out.dimension() - 1);
        long expected = switch (config.loss()) {
            case SOFTMAX_CROSS_ENTROPY -> SplitEvaluator.classNames(train).size();
            case BINARY_CROSS_ENTROPY -> 1;
            default -> train.targetWidth();
        };
        if (out.dimension() != 2 || width != expected) {
            String what = switch (config.loss()) {
                case SOFTMAX_CROSS_ENTROPY -> "one logit per class";
                case BINARY_CROSS_ENTROPY -> "a single logit";
                default -> "one value per target";
            };
            throw new IllegalArgumentException("the network outputs shape " + out + " but " + config.loss()
                    + " needs [batch, " + expected + "] (" + what + ")");
        }
    }

    private Shape batchShape(Shape sampleShape) {
        long[] dims = new long[sampleShape.dimension() + 1];
        dims[0] = config.batchSize();
        System.arraycopy(sampleShape.getShape(), 0, dims, 1, sampleShape.dimension());
        return new Shape(dims);
    }

    private TrainingResult withTestEvaluation(TrainingResult result, Model model, Loss loss, CheckpointStore store,
                                              List<String> classNames, Optional<ArrayDataset> test) {
        if (test.isEmpty() || result.status() == TrainingStatus.DIVERGED
                || result.status() == TrainingStatus.CANCELLED) {
            return result;
        }
        if (store.readState(CheckpointStore.Slot.BEST).isPresent()) {
            store.loadParameters(CheckpointStore.Slot.BEST, model);
        }
        EvaluationReport report = new SplitEvaluator(model.getBlock(), loss, classNames)
                .evaluate(model.getNDManager(), test.get());
        listener.onEvaluation(report);
        LOG.log(System.Logger.Level.INFO, "test evaluation: {0}", report);
        return new TrainingResult(result.status(), result.failure(), result.epochsCompleted(), result.bestEpoch(),
                result.bestValue(), result.history(), Optional.of(report), result.bestCheckpoint(),
                result.lastCheckpoint(), result.elapsed(), result.device());
    }

    /** The epoch loop of one run and its mutable counters. */
    private final class Loop {
        private final Model model;
        private final ParameterUpdater updater;
        private final ArrayDataset train;
        private final Optional<ArrayDataset> validation;
        private final CheckpointStore store;
        private final CancellationFlag cancel;
        private final DevicePlan plan;
        private final Batcher batcher;
        private final TrainingStep step;
        private final SplitEvaluator evaluator;
        private final LearningRateSchedule schedule;
        private final PlateauReducer plateau;
        private final ImprovementTracker best;
        private final MonitoredMetric monitored;
        private final LayerGroups layers;
        private final List<EpochMetrics> history = new ArrayList<>();
        private int epochsCompleted;
        private long globalStep;
        private int bestEpoch;

        Loop(Model model, Trainer trainer, ParameterUpdater updater, Loss loss, ArrayDataset train,
             Optional<ArrayDataset> validation, CheckpointStore store, CancellationFlag cancel, RunState start,
             DevicePlan plan, LayerGroups layers) {
            this.model = model;
            this.layers = layers;
            this.updater = updater;
            this.train = train;
            this.validation = validation;
            this.store = store;
            this.cancel = cancel;
            this.plan = plan;
            boolean classification = config.loss().isClassification();
            this.batcher = new Batcher(train, config.batchSize());
            this.step = new TrainingStep(trainer, loss, config.regularization(), config.clipping(), updater,
                    classification, new DataParallel(model.getBlock(), plan));
            this.evaluator = new SplitEvaluator(model.getBlock(), loss, SplitEvaluator.classNames(train));
            this.schedule = Schedules.create(config.schedule(), config.optimizer().learningRate(),
                    batcher.batchCount(), config.epochs());
            var es = config.earlyStopping();
            this.monitored = es.metric().needsValidation() && validation.isEmpty() ? MonitoredMetric.TRAIN_LOSS
                    : es.metric();
            boolean higher = es.mode().higherIsBetter(monitored);
            this.plateau = new PlateauReducer(config.schedule().plateauFactor(), config.schedule().plateauPatience(),
                    higher, es.minDelta());
            this.best = new ImprovementTracker(higher, es.minDelta());
            if (start != null) {
                epochsCompleted = start.epochsCompleted();
                globalStep = start.globalStep();
                bestEpoch = start.bestEpoch();
                best.restore(start.bestValue(), start.sinceImprovement());
                plateau.restore(start.plateau());
            }
        }

        TrainingResult run() {
            long started = System.nanoTime();
            LOG.log(System.Logger.Level.INFO, "training {0} samples on {1}, epochs {2}..{3}", train.size(), plan,
                    epochsCompleted + 1, config.epochs());
            TrainingStatus status = TrainingStatus.COMPLETED;
            String failure = null;
            int firstEpoch = epochsCompleted + 1;
            for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                Tally tally = new Tally(layers.layerCount());
                int gradientInterval = listener.layerGradientInterval();
                double lr = 0;
                int[] order = batcher.order(config.seed(), epoch);
                for (int b = 0; b < batcher.batchCount(); b++) {
                    if (cancel.isCancelled()) {
                        listener.onMessage("cancelled in epoch " + epoch);
                        return result(TrainingStatus.CANCELLED, null, started);
                    }
                    lr = learningRate();
                    long t0 = System.nanoTime();
                    TrainingStep.Outcome outcome;
                    try (NDScope scope = new NDScope(); NDManager bm = model.getNDManager().newSubManager()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = batcher.features(bm, order, b, config.augmentation(), config.seed(), epoch);
                        NDArray y = batcher.targets(bm, order, b);
                        outcome = step.run(x, y, lr);
                    }
                    if (!outcome.isFinite()) {
                        failure = "diverged at epoch " + epoch + " batch " + (b + 1)
                                + ", try a lower learning rate";
                        listener.onMessage(failure);
                        LOG.log(System.Logger.Level.WARNING, failure);
                        return result(TrainingStatus.DIVERGED, failure, started);
                    }
                    globalStep++;
                    int n = batcher.size(b);
                    double[] layerNorms = layers.norms(outcome.parameterSquares());
                    tally.add(outcome, n, layerNorms);
                    if (gradientInterval > 0 && (b + 1) % gradientInterval == 0) {
                        listener.onLayerGradients(layers.report(epoch, b + 1, layerNorms));
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    listener.onBatch(new BatchMetrics(epoch, b + 1, batcher.batchCount(), outcome.loss(), lr,
                            n / Math.max(seconds, 1e-9), outcome.gradientNorm()));
                }
                SplitScores trainScores = tally.scores(config.loss().isClassification());
                Optional<SplitScores> valScores = validation.map(v ->
                        SplitEvaluator.scores(evaluator.evaluate(model.getNDManager(), v)));
                epochsCompleted = epoch;
                double value = monitoredValue(trainScores, valScores);
                boolean improved = best.offer(value);
                if (improved) {
                    bestEpoch = epoch;
                    store.save(CheckpointStore.Slot.BEST, model, state(), null);
                }
                if (config.schedule().kind() == ScheduleKind.REDUCE_ON_PLATEAU && plateau.onEpochEnd(value)) {
                    listener.onMessage("learning rate reduced to " + learningRate() + " after epoch " + epoch);
                }
                store.save(CheckpointStore.Slot.LAST, model, state(), updater.exportState());
                Duration epochTime = Duration.ofNanos(System.nanoTime() - epochStart);
                Duration eta = Duration.ofNanos((System.nanoTime() - started) / (epoch - firstEpoch + 1)
                        * (config.epochs() - epoch));
                EpochMetrics metrics = new EpochMetrics(epoch, config.epochs(), trainScores, valScores, lr,
                        epochTime, eta, improved);
                history.add(metrics);
                // before onEpoch, so a listener can send both in one point
                listener.onLayerGradients(layers.report(epoch, 0, tally.meanLayerNorms()));
                listener.onEpoch(metrics);
                LOG.log(System.Logger.Level.DEBUG, "epoch {0}/{1} train {2} validation {3} ({4} ms)", epoch,
                        config.epochs(), trainScores, valScores.orElse(null), epochTime.toMillis());
                if (config.earlyStopping().enabled()
                        && best.sinceImprovement() >= config.earlyStopping().patience()) {
                    listener.onMessage("early stopping after epoch " + epoch + ": " + monitored
                            + " did not improve for " + best.sinceImprovement() + " epochs");
                    status = TrainingStatus.EARLY_STOPPED;
                    break;
                }
            }
            return result(status, failure, started);
        }

        private double learningRate() {
            double scheduled = schedule.rate(globalStep);
            return config.schedule().kind() == ScheduleKind.REDUCE_ON_PLATEAU
                    ? plateau.apply(scheduled, config.schedule().minLearningRate()) : scheduled;
        }

        private double monitoredValue(SplitScores trainScores, Optional<SplitScores> val) {
            return switch (monitored) {
                case TRAIN_LOSS -> trainScores.loss();
                case VAL_LOSS -> val.orElseThrow().loss();
                case VAL_ACCURACY -> val.orElseThrow().accuracy().orElse(Double.NaN);
                case VAL_MAE -> val.orElseThrow().mae().orElse(Double.NaN);
                case VAL_RMSE -> val.orElseThrow().rmse().orElse(Double.NaN);
            };
        }

        private RunState state() {
            return new RunState(epochsCompleted, globalStep, updater.steps(), bestEpoch, best.best(),
                    best.sinceImprovement(), plateau.state());
        }

        private TrainingResult result(TrainingStatus status, String failure, long started) {
            LOG.log(System.Logger.Level.INFO, "training ended: {0} after epoch {1}, best epoch {2}", status,
                    epochsCompleted, bestEpoch);
            return new TrainingResult(status, Optional.ofNullable(failure), epochsCompleted, bestEpoch, best.best(),
                    history, Optional.empty(), store.path(CheckpointStore.Slot.BEST),
                    store.path(CheckpointStore.Slot.LAST), Duration.ofNanos(System.nanoTime() - started),
                    plan.toString());
        }
    }

    /** Running sums of one epoch's training batches. */
    private static final class Tally {
        private double lossSum;
        private long samples;
        private long correct;
        private double absError;
        private double squaredError;
        private long values;
        private final double[] layerNormSums;
        private int batches;

        Tally(int layerCount) {
            layerNormSums = new double[layerCount];
        }

        void add(TrainingStep.Outcome o, int n, double[] layerNorms) {
            for (int i = 0; i < layerNorms.length; i++) {
                layerNormSums[i] += layerNorms[i];
            }
            batches++;
            lossSum += o.loss() * n;
            samples += n;
            correct += o.correct();
            absError += o.absError();
            squaredError += o.squaredError();
            values += o.values();
        }

        double[] meanLayerNorms() {
            double[] mean = layerNormSums.clone();
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= Math.max(1, batches);
            }
            return mean;
        }

        SplitScores scores(boolean classification) {
            double loss = lossSum / samples;
            return classification ? SplitScores.classification(loss, (double) correct / samples)
                    : SplitScores.regression(loss, absError / values, Math.sqrt(squaredError / values));
        }
    }

}
