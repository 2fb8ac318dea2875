package dev.netwright.engine.train;

import ai.djl.Model;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.TrainingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The listeners of a supervised run, in the order {@link SupervisedTrainer} registers them after the checks. */
final class SupervisedListeners {
    private static final System.Logger LOG = System.getLogger(SupervisedListeners.class.getName());

    private SupervisedListeners() {
    }

    /** Watches the monitored metric; when it improves, writes the {@code best} checkpoint. */
    static final class BestCheckpoint implements LoopListener<Object, SupervisedSteps.Epoch> {
        private final CheckpointStore store;
        private final Model model;
        private final ImprovementTracker tracker;
        private final ParameterUpdater updater;
        private final PlateauReducer plateau;
        private int bestEpoch;
        private boolean improved;

        BestCheckpoint(CheckpointStore store, Model model, ImprovementTracker tracker, ParameterUpdater updater,
                       PlateauReducer plateau, int bestEpoch) {
            this.store = store;
            this.model = model;
            this.tracker = tracker;
            this.updater = updater;
            this.plateau = plateau;
            this.bestEpoch = bestEpoch;
        }

        @Override
        public Optional<Stop> afterEpoch(LoopState state, SupervisedSteps.Epoch epoch) {
            improved = tracker.offer(epoch.monitoredValue());
            if (improved) {
                bestEpoch = state.epoch();
                store.save(CheckpointStore.Slot.BEST, model, runState(state), null);
            }
            return Optional.empty();
        }

        /** The counters a checkpoint stores, so that a resumed run continues exactly here. */
        RunState runState(LoopState state) {
            return new RunState(state.epochsCompleted(), state.globalStep(), updater.steps(), bestEpoch,
                    tracker.best(), tracker.sinceImprovement(), plateau.state());
        }

        int bestEpoch() {
            return bestEpoch;
        }

        double bestValue() {
            return tracker.best();
        }

        boolean improvedLastEpoch() {
            return improved;
        }
    }

    /** Lowers the learning rate when the monitored metric stops improving. */
    static final class PlateauLearningRate implements LoopListener<Object, SupervisedSteps.Epoch> {
        private final PlateauReducer plateau;
        private final double minLearningRate;
        private final Consumer<String> messages;

        PlateauLearningRate(PlateauReducer plateau, double minLearningRate, Consumer<String> messages) {
            this.plateau = plateau;
            this.minLearningRate = minLearningRate;
            this.messages = messages;
        }

        @Override
        public double adjustLearningRate(double scheduled) {
            return plateau.apply(scheduled, minLearningRate);
        }

        @Override
        public Optional<Stop> afterEpoch(LoopState state, SupervisedSteps.Epoch epoch) {
            if (plateau.onEpochEnd(epoch.monitoredValue())) {
                messages.accept("learning rate reduced to " + state.learningRate() + " after epoch " + state.epoch());
            }
            return Optional.empty();
        }
    }

    /** Writes the {@code last} checkpoint, with optimizer state, after every epoch. */
    static final class LastCheckpoint implements LoopListener<Object, Object> {
        private final CheckpointStore store;
        private final Model model;
        private final ParameterUpdater updater;
        private final BestCheckpoint best;

        LastCheckpoint(CheckpointStore store, Model model, ParameterUpdater updater, BestCheckpoint best) {
            this.store = store;
            this.model = model;
            this.updater = updater;
            this.best = best;
        }

        @Override
        public Optional<Stop> afterEpoch(LoopState state, Object epoch) {
            store.save(CheckpointStore.Slot.LAST, model, best.runState(state), updater.exportState());
            return Optional.empty();
        }
    }

    /** Per-layer gradient norms: every n-th batch when the listener asks for them, and each epoch's mean. */
    static final class GradientReports implements LoopListener<SupervisedSteps.Batch, SupervisedSteps.Epoch> {
        private final LayerGroups layers;
        private final TrainingListener listener;
        private int interval;

        GradientReports(LayerGroups layers, TrainingListener listener) {
            this.layers = layers;
            this.listener = listener;
        }

        @Override
        public void beforeEpoch(LoopState state) {
            interval = listener.layerGradientInterval();
        }

        @Override
        public Optional<Stop> afterBatch(LoopState state, int batch, SupervisedSteps.Batch result) {
            if (interval > 0 && (batch + 1) % interval == 0) {
                listener.onLayerGradients(layers.report(state.epoch(), batch + 1, result.layerNorms()));
            }
            return Optional.empty();
        }

        /** Before the epoch's metrics, so a listener can send both in one point. */
        @Override
        public Optional<Stop> afterEpoch(LoopState state, SupervisedSteps.Epoch epoch) {
            listener.onLayerGradients(layers.report(state.epoch(), 0, epoch.meanLayerNorms()));
            return Optional.empty();
        }
    }

    /** Batch and epoch metrics with throughput, epoch time and the estimated time left; keeps the history. */
    static final class Progress implements LoopListener<SupervisedSteps.Batch, SupervisedSteps.Epoch> {
        private final TrainingListener listener;
        private final BestCheckpoint best;
        private final List<EpochMetrics> history = new ArrayList<>();

        Progress(TrainingListener listener, BestCheckpoint best) {
            this.listener = listener;
            this.best = best;
        }

        @Override
        public Optional<Stop> afterBatch(LoopState state, int batch, SupervisedSteps.Batch result) {
            listener.onBatch(new BatchMetrics(state.epoch(), batch + 1, state.batchCount(), result.outcome().loss(),
                    result.learningRate(), result.samples() / Math.max(result.seconds(), 1e-9),
                    result.outcome().gradientNorm(), result.samples()));
            return Optional.empty();
        }

        @Override
        public Optional<Stop> afterEpoch(LoopState state, SupervisedSteps.Epoch epoch) {
            EpochMetrics metrics = new EpochMetrics(state.epoch(), state.epochs(), epoch.train(), epoch.validation(),
                    state.lastLearningRate(), state.epochTime(), state.remaining(), best.improvedLastEpoch());
            history.add(metrics);
            listener.onEpoch(metrics);
            LOG.log(System.Logger.Level.DEBUG, "epoch {0}/{1} train {2} validation {3} ({4} ms)", state.epoch(),
                    state.epochs(), epoch.train(), epoch.validation().orElse(null), metrics.epochTime().toMillis());
            return Optional.empty();
        }

        List<EpochMetrics> history() {
            return history;
        }
    }

    /** Stops when the monitored metric has not improved for {@code patience} epochs. */
    static final class EarlyStopping implements LoopListener<Object, Object> {
        private final int patience;
        private final MonitoredMetric monitored;
        private final ImprovementTracker tracker;
        private final Consumer<String> messages;

        EarlyStopping(int patience, MonitoredMetric monitored, ImprovementTracker tracker,
                      Consumer<String> messages) {
            this.patience = patience;
            this.monitored = monitored;
            this.tracker = tracker;
            this.messages = messages;
        }

        @Override
        public Optional<Stop> afterEpoch(LoopState state, Object epoch) {
            if (tracker.sinceImprovement() < patience) {
                return Optional.empty();
            }
            messages.accept("early stopping after epoch " + state.epoch() + ": " + monitored
                    + " did not improve for " + tracker.sinceImprovement() + " epochs");
            return Stop.with(TrainingStatus.EARLY_STOPPED);
        }
    }
}
