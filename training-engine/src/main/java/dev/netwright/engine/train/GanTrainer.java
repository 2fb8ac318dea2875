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
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.parallel.DevicePlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains a generator / discriminator pair on unlabelled data with the non-saturating GAN objective.
 *
 * <p>Every real batch drives one discriminator step; after every {@code discriminatorSteps} of them (counted over
 * the whole run) the generator takes one step. Real samples are labelled {@code 1 - labelSmoothing} (one-sided smoothing), fakes 0. Both
 * networks use the configured optimizer, schedule and clipping, each with its own state. The discriminator must
 * output one logit per sample; the generator maps {@code [batch, latentSize]} noise to samples of the data's
 * shape.
 *
 * <p>Only one gradient collector is open at a time; fakes are detached for the discriminator step; the generator
 * step's gradients on the discriminator are cleared without being applied.
 */
public final class GanTrainer {
    private static final System.Logger LOG = System.getLogger(GanTrainer.class.getName());
    /** Sub-folders of the checkpoint folder holding each network's checkpoints. */
    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";

    private final TrainingConfig config;
    private final GanListener listener;

    public GanTrainer(TrainingConfig config, GanListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Trains without writing checkpoints. */
    public GanResult train(Block generator, Block discriminator, ArrayDataset real, CancellationFlag cancel) {
        return run(generator, discriminator, real, null, cancel, false);
    }

    /**
     * Trains and writes both networks' {@code last} checkpoints (parameters, optimizer state, counters) after
     * every epoch to {@code checkpointDir/generator} and {@code checkpointDir/discriminator}.
     */
    public GanResult train(Block generator, Block discriminator, ArrayDataset real, Path checkpointDir,
                           CancellationFlag cancel) {
        return run(generator, discriminator, real, Objects.requireNonNull(checkpointDir, "checkpointDir"), cancel,
                false);
    }

    /** Continues a run from the checkpoints {@link #train(Block, Block, ArrayDataset, Path, CancellationFlag)} wrote. */
    public GanResult resume(Block generator, Block discriminator, ArrayDataset real, Path checkpointDir,
                            CancellationFlag cancel) {
        return run(generator, discriminator, real, Objects.requireNonNull(checkpointDir, "checkpointDir"), cancel,
                true);
    }

    private GanResult run(Block generator, Block discriminator, ArrayDataset real, Path checkpointDir,
                          CancellationFlag cancel, boolean resume) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
        Objects.requireNonNull(real, "real data");
        Objects.requireNonNull(cancel, "cancel");
        if (real.size() == 0) {
            throw new IllegalArgumentException("dataset " + real.name() + " is empty");
        }
        EngineSupport.prepareThread(config.seed());
        DevicePlan plan = DevicePlan.resolve(config.devices(), ai.djl.engine.Engine.getInstance());
        Device device = plan.primary();
        if (plan.replicas() > 1) {
            // the two alternating networks are not sharded: say so rather than silently ignore the other devices
            listener.onMessage("GAN training is not data-parallel: it runs on " + device + " only");
        }
        Loss bce = Losses.create(LossKind.BINARY_CROSS_ENTROPY, 1.0);
        GanCheckpoints checkpoints = checkpointDir == null ? null : new GanCheckpoints(checkpointDir);
        try (Model g = Model.newInstance("generator", device);
             Model d = Model.newInstance("discriminator", device)) {
            g.setBlock(generator);
            d.setBlock(discriminator);
            DefaultTrainingConfig djl = new DefaultTrainingConfig(bce)
                    .optInitializer(Initializers.create(config.weightInit(), config.initScale()),
                            Parameter.Type.WEIGHT)
                    .optDevices(new Device[] {device});
            try (Trainer gt = g.newTrainer(djl); Trainer dt = d.newTrainer(djl);
                 ParameterUpdater gu = Updaters.create(config.optimizer(), g.getNDManager());
                 ParameterUpdater du = Updaters.create(config.optimizer(), d.getNDManager())) {
                RunState start = null;
                if (resume) {
                    start = checkpoints.generator.readState(CheckpointStore.Slot.LAST).orElseThrow(() ->
                            new IllegalStateException("no GAN checkpoint to resume in " + checkpointDir));
                    checkpoints.generator.loadParameters(CheckpointStore.Slot.LAST, g);
                    checkpoints.discriminator.loadParameters(CheckpointStore.Slot.LAST, d);
                }
                Shape noiseShape = new Shape(config.batchSize(), config.gan().latentSize());
                Shape sampleShape = batchShape(config.batchSize(), real.sampleShape());
                gt.initialize(noiseShape);
                dt.initialize(sampleShape);
                ParameterAccess.attachGradients(generator);
                ParameterAccess.attachGradients(discriminator);
                checkShapes(generator, discriminator, noiseShape, sampleShape);
                if (start != null) {
                    restoreOptimizer(checkpoints.generator, g, gu);
                    restoreOptimizer(checkpoints.discriminator, d, du);
                    listener.onMessage("resumed after epoch " + start.epochsCompleted());
                }
                if (checkpoints != null) {
                    checkpoints.bind(g, d, gu, du);
                }
                try (GanSteps steps = new GanSteps(config, g, d, gt, dt, gu, du, bce, real, listener)) {
                    return loop(steps, cancel, checkpoints, start);
                }
            }
        }
    }

    private static void restoreOptimizer(CheckpointStore store, Model model, ParameterUpdater updater) {
        long steps = store.readState(CheckpointStore.Slot.LAST).orElseThrow().updaterSteps();
        store.readOptimizerState(CheckpointStore.Slot.LAST, model.getNDManager())
                .ifPresent(state -> updater.importState(state, steps));
    }

    private static void checkShapes(Block generator, Block discriminator, Shape noise, Shape samples) {
        Shape generated = generator.getOutputShapes(new Shape[] {noise})[0];
        if (!generated.equals(samples)) {
            throw new IllegalArgumentException("the generator outputs " + generated + " for noise " + noise
                    + " but the data needs " + samples);
        }
        Shape scores = discriminator.getOutputShapes(new Shape[] {samples})[0];
        if (!scores.equals(new Shape(samples.get(0), 1))) {
            throw new IllegalArgumentException("the discriminator outputs " + scores + " but must output one logit"
                    + " per sample, " + new Shape(samples.get(0), 1));
        }
    }

    private static Shape batchShape(int batch, long[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = batch;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return new Shape(dims);
    }

    /**
     * The shared epoch loop with GAN steps; cancellation, divergence, checkpoints (when a folder was given) and the
     * epoch reports with sample previews are listeners, in this order.
     */
    private GanResult loop(GanSteps steps, CancellationFlag cancel, GanCheckpoints checkpoints, RunState start) {
        Consumer<String> messages = listener::onMessage;
        List<LoopListener<? super GanSteps.Batch, ? super GanSteps.EpochSums>> listeners = new ArrayList<>();
        listeners.add(new CancellationCheck(cancel, messages));
        listeners.add(new DivergenceCheck(messages));
        if (checkpoints != null) {
            listeners.add(checkpoints);
        }
        GanReports reports = new GanReports(steps, listener);
        listeners.add(reports);
        LearningRateSchedule schedule = Schedules.create(config.schedule(), config.optimizer().learningRate(),
                steps.batchCount(), config.epochs());
        EpochLoop.End end = new EpochLoop<>(config.epochs(), start == null ? 0 : start.epochsCompleted(),
                start == null ? 0 : start.globalStep(), schedule, steps, listeners).run();
        return new GanResult(end.status(), end.failure(), end.epochsCompleted(), reports.history(),
                reports.lastSamples(), end.elapsed());
    }
}
