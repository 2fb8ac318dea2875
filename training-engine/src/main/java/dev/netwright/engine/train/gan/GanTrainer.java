package dev.netwright.engine.train.gan;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.EngineSupport;
import dev.netwright.engine.train.Initializers;
import dev.netwright.engine.train.ParameterAccess;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.batch.Batcher;
import dev.netwright.engine.train.checkpoint.CheckpointStore;
import dev.netwright.engine.train.checkpoint.RunState;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.loss.Losses;
import dev.netwright.engine.train.optim.GradientClipper;
import dev.netwright.engine.train.optim.ParameterGradient;
import dev.netwright.engine.train.optim.ParameterUpdater;
import dev.netwright.engine.train.optim.Updaters;
import dev.netwright.engine.train.parallel.DevicePlan;
import dev.netwright.engine.train.schedule.LearningRateSchedule;
import dev.netwright.engine.train.schedule.PlateauReducer;
import dev.netwright.engine.train.schedule.Schedules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        Checkpoints checkpoints = checkpointDir == null ? null : new Checkpoints(checkpointDir);
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
                return new Loop(g, d, gt, dt, gu, du, bce, real, cancel, checkpoints, start).run();
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

    /** The two networks' checkpoint folders. */
    private static final class Checkpoints {
        final CheckpointStore generator;
        final CheckpointStore discriminator;

        Checkpoints(Path dir) {
            generator = new CheckpointStore(dir.resolve("generator"));
            discriminator = new CheckpointStore(dir.resolve("discriminator"));
        }

        void save(Model g, Model d, ParameterUpdater gu, ParameterUpdater du, int epoch, long globalStep) {
            PlateauReducer.State noPlateau = new PlateauReducer.State(1.0, 0, Double.NaN);
            generator.save(CheckpointStore.Slot.LAST, g,
                    new RunState(epoch, globalStep, gu.steps(), 0, Double.NaN, 0, noPlateau), gu.exportState());
            discriminator.save(CheckpointStore.Slot.LAST, d,
                    new RunState(epoch, globalStep, du.steps(), 0, Double.NaN, 0, noPlateau), du.exportState());
        }
    }

    private static Shape batchShape(int batch, long[] sampleShape) {
        long[] dims = new long[sampleShape.length + 1];
        dims[0] = batch;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return new Shape(dims);
    }

    /** The epoch loop of one GAN run. */
    private final class Loop {
        private final Model g;
        private final Model d;
        private final Trainer gt;
        private final Trainer dt;
        private final ParameterUpdater gu;
        private final ParameterUpdater du;
        private final Loss bce;
        private final ArrayDataset real;
        private final CancellationFlag cancel;
        private final Batcher batcher;
        private final LearningRateSchedule schedule;
        private final NDArray fixedNoise;
        private long globalStep;

        private final Checkpoints checkpoints;
        private final int firstEpoch;

        Loop(Model g, Model d, Trainer gt, Trainer dt, ParameterUpdater gu, ParameterUpdater du, Loss bce,
             ArrayDataset real, CancellationFlag cancel, Checkpoints checkpoints, RunState start) {
            this.checkpoints = checkpoints;
            this.firstEpoch = start == null ? 1 : start.epochsCompleted() + 1;
            this.globalStep = start == null ? 0 : start.globalStep();
            this.g = g;
            this.d = d;
            this.gt = gt;
            this.dt = dt;
            this.gu = gu;
            this.du = du;
            this.bce = bce;
            this.real = real;
            this.cancel = cancel;
            this.batcher = new Batcher(real, config.batchSize());
            this.schedule = Schedules.create(config.schedule(), config.optimizer().learningRate(),
                    batcher.batchCount(), config.epochs());
            int previews = config.gan().sampleCount();
            // Same noise every epoch so previews show the generator changing, not the noise.
            this.fixedNoise = previews == 0 ? null
                    : g.getNDManager().randomNormal(new Shape(previews, config.gan().latentSize()));
        }

        GanResult run() {
            long started = System.nanoTime();
            List<GanEpochMetrics> history = new ArrayList<>();
            Optional<GeneratedSamples> lastSamples = Optional.empty();
            int completed = firstEpoch - 1;
            for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double dLoss = 0;
                double gLoss = 0;
                double realScore = 0;
                double fakeScore = 0;
                int dSteps = 0;
                int gSteps = 0;
                int[] order = batcher.order(config.seed(), epoch);
                for (int b = 0; b < batcher.batchCount(); b++) {
                    if (cancel.isCancelled()) {
                        listener.onMessage("cancelled in epoch " + epoch);
                        return new GanResult(TrainingStatus.CANCELLED, Optional.empty(), completed, history,
                                lastSamples, elapsed(started));
                    }
                    double lr = schedule.rate(globalStep);
                    long batchStart = System.nanoTime();
                    try (NDScope scope = new NDScope(); NDManager bm = d.getNDManager().newSubManager()) {
                        scope.suppressNotUsedWarning();
                        double[] ds = discriminatorStep(batcher.features(bm, order, b), lr);
                        dLoss += ds[0];
                        realScore += ds[1];
                        fakeScore += ds[2];
                        dSteps++;
                        boolean generatorTurn = (globalStep + 1) % config.gan().discriminatorSteps() == 0;
                        double gl = generatorTurn ? generatorStep(bm, batcher.size(b), lr) : 0.0;
                        if (generatorTurn) {
                            gLoss += gl;
                            gSteps++;
                        }
                        if (!Double.isFinite(ds[0]) || !Double.isFinite(gl)) {
                            String failure = "diverged at epoch " + epoch + " batch " + (b + 1)
                                    + ", try a lower learning rate";
                            listener.onMessage(failure);
                            return new GanResult(TrainingStatus.DIVERGED, Optional.of(failure), completed, history,
                                    lastSamples, elapsed(started));
                        }
                        double seconds = (System.nanoTime() - batchStart) / 1e9;
                        listener.onBatch(new GanBatchMetrics(epoch, b + 1, batcher.batchCount(), ds[0],
                                generatorTurn ? gl : Double.NaN, ds[1], ds[2],
                                seconds > 0 ? batcher.size(b) / seconds : Double.NaN));
                    }
                    globalStep++;
                }
                completed = epoch;
                if (checkpoints != null) {
                    checkpoints.save(g, d, gu, du, epoch, globalStep);
                }
                GanEpochMetrics metrics = new GanEpochMetrics(epoch, config.epochs(), dLoss / dSteps,
                        gSteps == 0 ? Double.NaN : gLoss / gSteps, realScore / dSteps, fakeScore / dSteps,
                        Duration.ofNanos(System.nanoTime() - epochStart));
                history.add(metrics);
                listener.onEpoch(metrics);
                LOG.log(System.Logger.Level.DEBUG, "GAN {0}", metrics);
                if (fixedNoise != null) {
                    GeneratedSamples samples = generate(epoch);
                    lastSamples = Optional.of(samples);
                    listener.onSamples(samples);
                }
            }
            return new GanResult(TrainingStatus.COMPLETED, Optional.empty(), completed, history, lastSamples,
                    elapsed(started));
        }

        /** Returns {loss, mean D(x), mean D(G(z))}. */
        private double[] discriminatorStep(NDArray realBatch, double lr) {
            NDManager bm = realBatch.getManager();
            long n = realBatch.getShape().get(0);
            // Generated outside the collector and detached: this step must not reach the generator.
            NDArray fake = gt.forward(new NDList(noise(bm, n))).singletonOrThrow().stopGradient();
            NDArray realLogits;
            NDArray fakeLogits;
            NDArray loss;
            EngineSupport.collectorLock().lock();
            try (GradientCollector collector = dt.newGradientCollector()) {
                realLogits = dt.forward(new NDList(realBatch)).singletonOrThrow();
                fakeLogits = dt.forward(new NDList(fake)).singletonOrThrow();
                NDArray realTarget = bm.full(realLogits.getShape(), (float) (1 - config.gan().labelSmoothing()));
                NDArray fakeTarget = bm.zeros(fakeLogits.getShape());
                loss = bce.evaluate(new NDList(realTarget), new NDList(realLogits))
                        .add(bce.evaluate(new NDList(fakeTarget), new NDList(fakeLogits)));
                collector.backward(loss);
            } finally {
                EngineSupport.collectorLock().unlock();
            }
            double lossValue = loss.getFloat();
            applyUpdate(d.getBlock(), du, lr, Double.isFinite(lossValue));
            return new double[] {lossValue, Activation.sigmoid(realLogits).mean().getFloat(),
                    Activation.sigmoid(fakeLogits).mean().getFloat()};
        }

        private double generatorStep(NDManager bm, long n, double lr) {
            NDArray loss;
            EngineSupport.collectorLock().lock();
            try (GradientCollector collector = gt.newGradientCollector()) {
                NDArray fake = gt.forward(new NDList(noise(bm, n))).singletonOrThrow();
                NDArray logits = dt.forward(new NDList(fake)).singletonOrThrow();
                // Non-saturating objective: maximise log D(G(z)) by labelling fakes as real.
                loss = bce.evaluate(new NDList(bm.ones(logits.getShape())), new NDList(logits));
                collector.backward(loss);
            } finally {
                EngineSupport.collectorLock().unlock();
            }
            double lossValue = loss.getFloat();
            applyUpdate(g.getBlock(), gu, lr, Double.isFinite(lossValue));
            // The backward pass also filled the discriminator's gradients; they must not leak into its next step.
            ParameterAccess.clearGradients(ParameterAccess.gradients(d.getBlock()));
            return lossValue;
        }

        private void applyUpdate(Block block, ParameterUpdater updater, double lr, boolean finite) {
            List<ParameterGradient> parameters = ParameterAccess.gradients(block);
            if (finite) {
                updater.update(GradientClipper.clip(parameters, config.clipping()).parameters(), lr);
            }
            ParameterAccess.clearGradients(parameters);
        }

        private NDArray noise(NDManager manager, long n) {
            return manager.randomNormal(new Shape(n, config.gan().latentSize()));
        }

        private GeneratedSamples generate(int epoch) {
            try (NDManager manager = g.getNDManager().newSubManager()) {
                NDArray out = g.getBlock().forward(new ParameterStore(manager, false), new NDList(fixedNoise), false)
                        .singletonOrThrow();
                return new GeneratedSamples(epoch, real.sampleShape(), (int) out.getShape().get(0),
                        out.toFloatArray());
            }
        }

        private Duration elapsed(long started) {
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }
}
