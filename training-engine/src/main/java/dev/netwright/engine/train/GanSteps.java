package dev.netwright.engine.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.train.config.TrainingConfig;

import java.util.List;

/**
 * The steps of one GAN run in the shared {@link EpochLoop}: per batch one discriminator step and, on the generator's
 * turn, one generator step. The real batches are gathered one ahead on the {@link Prefetcher}'s thread, as in
 * supervised training (the same rows in the same order, so the same run); close the steps to stop that thread.
 */
final class GanSteps implements EpochLoop.Steps<GanSteps.Batch, GanSteps.EpochSums>, AutoCloseable {

    /** Whether the batch's losses were finite. */
    record Batch(boolean isFinite) implements EpochLoop.BatchResult {
    }

    /** Sums over one epoch's batches. */
    static final class EpochSums {
        double dLoss;
        double gLoss;
        double realScore;
        double fakeScore;
        int dSteps;
        int gSteps;

        GanEpochMetrics metrics(LoopState state) {
            return new GanEpochMetrics(state.epoch(), state.epochs(), dLoss / dSteps,
                    gSteps == 0 ? Double.NaN : gLoss / gSteps, realScore / dSteps, fakeScore / dSteps,
                    state.epochTime());
        }
    }

    private final TrainingConfig config;
    private final Model g;
    private final Model d;
    private final Trainer gt;
    private final Trainer dt;
    private final ParameterUpdater gu;
    private final ParameterUpdater du;
    private final Loss bce;
    private final ArrayDataset real;
    private final Batcher batcher;
    private final Prefetcher prefetcher;
    private final NDArray fixedNoise;
    private final GanListener listener;
    private EpochSums sums;
    private int epoch;

    GanSteps(TrainingConfig config, Model g, Model d, Trainer gt, Trainer dt, ParameterUpdater gu,
             ParameterUpdater du, Loss bce, ArrayDataset real, GanListener listener) {
        this.config = config;
        this.listener = listener;
        this.g = g;
        this.d = d;
        this.gt = gt;
        this.dt = dt;
        this.gu = gu;
        this.du = du;
        this.bce = bce;
        this.real = real;
        this.batcher = new Batcher(real, config.batchSize());
        // GAN data is never augmented (TrainingConfig's augmentation is for supervised inputs)
        this.prefetcher = new Prefetcher(batcher, Augmentation.NONE, config.seed());
        int previews = config.gan().sampleCount();
        // Same noise every epoch so previews show the generator changing, not the noise.
        this.fixedNoise = previews == 0 ? null
                : g.getNDManager().randomNormal(new Shape(previews, config.gan().latentSize()));
    }

    @Override
    public int batchCount() {
        return batcher.batchCount();
    }

    @Override
    public void beginEpoch(int epoch) {
        this.epoch = epoch;
        prefetcher.beginEpoch(batcher.order(config.seed(), epoch), epoch);
        sums = new EpochSums();
    }

    @Override
    public List<Batch> batch(LoopState state, int b, double lr) {
        long batchStart = System.nanoTime();
        // gathered while the previous batch trained; its arrays are closed with bm, before the next take (the
        // prefetcher's contract)
        Batcher.HostBatch host = prefetcher.take(b);
        try (NDScope scope = new NDScope(); NDManager bm = d.getNDManager().newSubManager()) {
            scope.suppressNotUsedWarning();
            double[] ds = discriminatorStep(host.features(bm), lr);
            sums.dLoss += ds[0];
            sums.realScore += ds[1];
            sums.fakeScore += ds[2];
            sums.dSteps++;
            boolean generatorTurn = (state.globalStep() + 1) % config.gan().discriminatorSteps() == 0;
            double gl = generatorTurn ? generatorStep(bm, host.size(), lr) : 0.0;
            if (generatorTurn) {
                sums.gLoss += gl;
                sums.gSteps++;
            }
            boolean finite = Double.isFinite(ds[0]) && Double.isFinite(gl);
            if (finite) {
                // every step is reported, so progress and both losses show from the first batch
                double seconds = (System.nanoTime() - batchStart) / 1e9;
                listener.onBatch(new GanBatchMetrics(epoch, b + 1, batcher.batchCount(), ds[0],
                        generatorTurn ? gl : Double.NaN, ds[1], ds[2],
                        seconds > 0 ? host.size() / seconds : Double.NaN, host.size()));
            }
            return List.of(new Batch(finite));
        }
    }

    @Override
    public EpochSums endEpoch(int epoch) {
        return sums;
    }

    /** Stops the prefetcher's thread. */
    @Override
    public void close() {
        prefetcher.close();
    }

    boolean hasPreviews() {
        return fixedNoise != null;
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
        // the loss and both mean scores reach the host in one copy (each read waits for the device)
        float[] read = NDArrays.stack(new NDList(loss.reshape(), Activation.sigmoid(realLogits).mean(),
                Activation.sigmoid(fakeLogits).mean())).toFloatArray();
        applyUpdate(d.getBlock(), du, lr, Double.isFinite(read[0]));
        return new double[] {read[0], read[1], read[2]};
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

    GeneratedSamples generate(int epoch) {
        try (NDManager manager = g.getNDManager().newSubManager()) {
            NDArray out = g.getBlock().forward(new ParameterStore(manager, false), new NDList(fixedNoise), false)
                    .singletonOrThrow();
            return new GeneratedSamples(epoch, real.sampleShape(), (int) out.getShape().get(0),
                    out.toFloatArray());
        }
    }
}
