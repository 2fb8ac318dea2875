package dev.netwright.engine.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.ScheduleKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.TrainingListener;
import dev.netwright.engine.train.parallel.DevicePlan;
import dev.netwright.engine.train.profile.BatchProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
    /**
     * Steps whose metrics a GPU run reads in one copy (see {@link StatsWindow}): enough for the host to queue well
     * ahead of the device; the window is also read after {@value StatsWindow#MAX_MILLIS} ms so that a slow model's
     * progress still shows about four times a second.
     */
    static final int GPU_STATS_WINDOW = 16;

    private final TrainingConfig config;
    private final TrainingListener listener;
    private final java.util.function.Consumer<Block> warmStart;
    private final BatchProfile profile;
    private final int statsWindow;

    public SupervisedTrainer(TrainingConfig config, TrainingListener listener) {
        this(config, listener, block -> { }, BatchProfile.OFF, 0);
    }

    private SupervisedTrainer(TrainingConfig config, TrainingListener listener,
                              java.util.function.Consumer<Block> warmStart, BatchProfile profile, int statsWindow) {
        this.statsWindow = statsWindow;
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.warmStart = Objects.requireNonNull(warmStart, "warmStart");
        this.profile = Objects.requireNonNull(profile, "profile");
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
     * A trainer that calls {@code warmStart} with the initialised block before the first step (of a fresh run, or
     * of a resumed one after its checkpoint is loaded): transfer learning copies earlier weights (fresh runs only)
     * and freezes nodes there; a resumed run must freeze them again, as freezing is not stored in checkpoints.
     */
    public SupervisedTrainer withWarmStart(java.util.function.Consumer<Block> hook) {
        return new SupervisedTrainer(config, listener, hook, profile, statsWindow);
    }

    /** A trainer that records where each batch's time goes in {@code batchProfile} (benchmarks). */
    public SupervisedTrainer withProfile(BatchProfile batchProfile) {
        return new SupervisedTrainer(config, listener, warmStart, batchProfile, statsWindow);
    }

    /**
     * A trainer that reads {@code steps} training steps' metrics to the host at a time whatever the device (tests:
     * the GPU's window on the CPU). Without it: {@value #GPU_STATS_WINDOW} on a GPU, 1 on the CPU.
     */
    SupervisedTrainer withStatsWindow(int steps) {
        return new SupervisedTrainer(config, listener, warmStart, profile, steps);
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
        Loss loss = loss(train);
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
                warmStart.accept(block);
                checkOutput(block, batchShape(sampleShape), train);
                ParameterAccess.attachGradients(block);
                if (start != null) {
                    long steps = start.updaterSteps();
                    store.readOptimizerState(CheckpointStore.Slot.LAST, model.getNDManager())
                            .ifPresent(state -> updater.importState(state, steps));
                    listener.onMessage("resumed after epoch " + start.epochsCompleted());
                }
                TrainingResult result = loop(model, trainer, updater, loss, train, validation, store, cancel, start,
                        plan, LayerGroups.of(block));
                return withTestEvaluation(result, model, loss, store, SplitEvaluator.classNames(train),
                        data.test());
            }
        }
    }

    /**
     * The epoch loop: {@link SupervisedSteps} trains the batches; cancellation, divergence, the two checkpoints,
     * plateau LR, gradient reports, progress and early stopping are listeners, in this order.
     */
    private TrainingResult loop(Model model, Trainer trainer, ParameterUpdater updater, Loss loss, ArrayDataset train,
                                Optional<ArrayDataset> validation, CheckpointStore store, CancellationFlag cancel,
                                RunState start, DevicePlan plan, LayerGroups layers) {
        var es = config.earlyStopping();
        MonitoredMetric monitored = es.metric().needsValidation() && validation.isEmpty()
                ? MonitoredMetric.TRAIN_LOSS : es.metric();
        boolean higher = es.mode().higherIsBetter(monitored);
        PlateauReducer plateau = new PlateauReducer(config.schedule().plateauFactor(),
                config.schedule().plateauPatience(), higher, es.minDelta());
        ImprovementTracker tracker = new ImprovementTracker(higher, es.minDelta());
        if (start != null) {
            tracker.restore(start.bestValue(), start.sinceImprovement());
            plateau.restore(start.plateau());
        }
        Batcher batcher = new Batcher(train, config.batchSize());
        Prefetcher prefetcher = new Prefetcher(batcher, config.augmentation(), config.seed());
        int windowSteps = statsWindow > 0 ? statsWindow : plan.primary().isGpu() ? GPU_STATS_WINDOW : 1;
        // a step on the CPU, read at once: its values are read as they are, no vector of them made on the "device"
        boolean readOnHost = !plan.primary().isGpu() && windowSteps == 1;
        TrainingStep step = new TrainingStep(trainer, loss, config.regularization(), config.clipping(), updater,
                config.loss().isClassification(), new DataParallel(model.getBlock(), plan), profile, readOnHost);
        StatsWindow window = new StatsWindow(model.getNDManager(), windowSteps);
        SupervisedSteps steps = new SupervisedSteps(config, model, batcher, prefetcher, step,
                new SplitEvaluator(model.getBlock(), loss, SplitEvaluator.classNames(train)), validation, layers,
                monitored, profile, window);

        Consumer<String> messages = listener::onMessage;
        var best = new SupervisedListeners.BestCheckpoint(store, model, tracker, updater, plateau,
                start == null ? 0 : start.bestEpoch());
        var progress = new SupervisedListeners.Progress(listener, best);
        List<LoopListener<? super SupervisedSteps.Batch, ? super SupervisedSteps.Epoch>> listeners = new ArrayList<>();
        listeners.add(new CancellationCheck(cancel, messages));
        listeners.add(new DivergenceCheck(messages));
        listeners.add(best);
        if (config.schedule().kind() == ScheduleKind.REDUCE_ON_PLATEAU) {
            listeners.add(new SupervisedListeners.PlateauLearningRate(plateau, config.schedule().minLearningRate(),
                    messages));
        }
        listeners.add(new SupervisedListeners.LastCheckpoint(store, model, updater, best));
        listeners.add(new SupervisedListeners.GradientReports(layers, listener));
        listeners.add(progress);
        if (es.enabled()) {
            listeners.add(new SupervisedListeners.EarlyStopping(es.patience(), monitored, tracker, messages));
        }
        LearningRateSchedule schedule = Schedules.create(config.schedule(), config.optimizer().learningRate(),
                batcher.batchCount(), config.epochs());

        int done = start == null ? 0 : start.epochsCompleted();
        LOG.log(System.Logger.Level.INFO, "training {0} samples on {1}, epochs {2}..{3}", train.size(), plan,
                done + 1, config.epochs());
        EpochLoop.End end;
        try (prefetcher; window) {
            end = new EpochLoop<>(config.epochs(), done, start == null ? 0 : start.globalStep(), schedule, steps,
                    listeners).run();
        }
        LOG.log(System.Logger.Level.INFO, "training ended: {0} after epoch {1}, best epoch {2}", end.status(),
                end.epochsCompleted(), best.bestEpoch());
        return new TrainingResult(end.status(), end.failure(), end.epochsCompleted(), best.bestEpoch(),
                best.bestValue(), progress.history(), Optional.empty(), store.path(CheckpointStore.Slot.BEST),
                store.path(CheckpointStore.Slot.LAST), end.elapsed(), plan.toString());
    }

    /** The configured loss; classification with class weights weighs each class from the training split's counts. */
    private Loss loss(ArrayDataset train) {
        if (config.classWeights() == ClassWeighting.NONE) {
            return Losses.create(config.loss(), config.huberDelta());
        }
        List<String> names = SplitEvaluator.classNames(train);
        int[] counts = train.classCounts();
        float[] weights = config.classWeights().weights(counts);
        StringBuilder note = new StringBuilder("class weights (" + config.classWeights().name().toLowerCase(java.util.Locale.ROOT) + "):");
        for (int c = 0; c < weights.length; c++) {
            note.append(c == 0 ? " " : ", ").append(c < names.size() ? names.get(c) : String.valueOf(c))
                    .append(String.format(java.util.Locale.ROOT, " %.3g (%d samples)", weights[c], counts[c]));
        }
        listener.onMessage(note.toString());
        return new ClassWeightedLoss(config.loss(), weights);
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
}
