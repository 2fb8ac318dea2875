package dev.netwright.engine.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.MonitoredMetric;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.SplitScores;
import dev.netwright.engine.train.profile.BatchProfile.Stage;
import dev.netwright.engine.train.profile.BatchProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One supervised batch (forward, backward, update) and the epoch's scores: the loop's trainer-specific part. */
final class SupervisedSteps implements EpochLoop.Steps<SupervisedSteps.Batch, SupervisedSteps.Epoch> {

    /**
     * One trained batch: the step's outcome, its sample count, per-layer gradient norms, the learning rate it was
     * trained with and its duration (its share of the stats window's wall time when several steps are read at once).
     */
    record Batch(TrainingStep.Outcome outcome, int samples, double[] layerNorms, double learningRate, double seconds)
            implements EpochLoop.BatchResult {
        @Override
        public boolean isFinite() {
            return outcome.isFinite();
        }
    }

    /** One epoch: training and validation scores, the monitored metric's value, mean per-layer gradient norms. */
    record Epoch(SplitScores train, Optional<SplitScores> validation, double monitoredValue,
                 double[] meanLayerNorms) {
    }

    private final TrainingConfig config;
    private final Model model;
    private final Batcher batcher;
    private final Prefetcher prefetcher;
    private final TrainingStep step;
    private final SplitEvaluator evaluator;
    private final Optional<ArrayDataset> validation;
    private final LayerGroups layers;
    private final MonitoredMetric monitored;
    private final BatchProfile profile;
    private final StatsWindow window;
    private int[] order;
    private Tally tally;

    SupervisedSteps(TrainingConfig config, Model model, Batcher batcher, Prefetcher prefetcher, TrainingStep step,
                    SplitEvaluator evaluator, Optional<ArrayDataset> validation, LayerGroups layers,
                    MonitoredMetric monitored, BatchProfile profile, StatsWindow window) {
        this.profile = profile;
        this.window = window;
        this.config = config;
        this.model = model;
        this.batcher = batcher;
        this.prefetcher = prefetcher;
        this.step = step;
        this.evaluator = evaluator;
        this.validation = validation;
        this.layers = layers;
        this.monitored = monitored;
    }

    @Override
    public int batchCount() {
        return batcher.batchCount();
    }

    @Override
    public void beginEpoch(int epoch) {
        order = batcher.order(config.seed(), epoch);
        prefetcher.beginEpoch(order, epoch);
        tally = new Tally(layers.layerCount());
        profile.start();
    }

    @Override
    public List<Batch> batch(LoopState state, int b, double lr) {
        // the time since the last batch's arrays were released: the loop's listeners around the batches
        profile.lap(Stage.LISTENERS);
        long t0 = System.nanoTime();
        // gathered on the prefetcher's thread while the previous batch trained; its arrays are closed below,
        // before the next take (the prefetcher's contract)
        Batcher.HostBatch host = prefetcher.take(b);
        try (NDScope scope = new NDScope(); NDManager bm = model.getNDManager().newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray x = host.features(bm);
            NDArray y = host.targets(bm);
            profile.lap(Stage.DATA);
            window.add(step.run(x, y, lr), host.size(), lr, t0);
        }
        profile.lap(Stage.RELEASE);
        List<Batch> known = window.isFull() ? read() : List.of();
        profile.batchDone();
        return known;
    }

    @Override
    public List<Batch> rest() {
        return read();
    }

    /** The window's steps as batch results, added to the epoch's sums. */
    private List<Batch> read() {
        List<StatsWindow.Read> reads = window.read();
        profile.lap(Stage.METRICS);
        List<Batch> batches = new ArrayList<>(reads.size());
        for (StatsWindow.Read r : reads) {
            double[] layerNorms = new double[0];
            if (r.outcome().isFinite()) {
                layerNorms = layers.norms(r.outcome().parameterSquares());
                tally.add(r.outcome(), r.samples(), layerNorms);
            }
            batches.add(new Batch(r.outcome(), r.samples(), layerNorms, r.learningRate(), r.seconds()));
        }
        return batches;
    }

    @Override
    public Epoch endEpoch(int epoch) {
        SplitScores trainScores = tally.scores(config.loss().isClassification());
        Optional<SplitScores> valScores = validation.map(v ->
                SplitEvaluator.scores(evaluator.evaluate(model.getNDManager(), v)));
        return new Epoch(trainScores, valScores, monitoredValue(trainScores, valScores), tally.meanLayerNorms());
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
