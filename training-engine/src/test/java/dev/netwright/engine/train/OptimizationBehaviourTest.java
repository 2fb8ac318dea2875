package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerConfig;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.ScheduleConfig;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.config.WeightInit;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.RegressionReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each optimizer, schedule, loss and regulariser in a real (tiny) training run. */
class OptimizationBehaviourTest {
    private static final Shape TWO = new Shape(2);
    private static final Map<OptimizerKind, Double> RATES = Map.of(OptimizerKind.SGD, 0.05,
            OptimizerKind.MOMENTUM, 0.02, OptimizerKind.NESTEROV, 0.02, OptimizerKind.RMSPROP, 0.05,
            OptimizerKind.ADAM, 0.05, OptimizerKind.ADAMW, 0.05, OptimizerKind.ADAGRAD, 0.2);

    @TempDir
    Path dir;

    private static TrainingData linear() {
        return TrainingData.of(TestData.linear(200, 0.05, 1), null, TestData.linear(100, 0.05, 2));
    }

    private static TrainingConfig.Builder base() {
        return TrainingConfig.builder().loss(LossKind.MSE).epochs(6).batchSize(20).seed(5).validationFraction(0);
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerReducesTheLoss(OptimizerKind kind) {
        RecordingListener listener = new RecordingListener();
        TrainingConfig config = base().optimizer(kind, RATES.get(kind)).build();
        TrainingResult result = new SupervisedTrainer(config, listener)
                .train(Nets.mlp(1), TWO, linear(), dir, new CancellationFlag());

        double first = listener.epochs.get(0).train().loss();
        double last = listener.epochs.get(listener.epochs.size() - 1).train().loss();
        // Target variance is about 4.4; a linear model that learns gets far below it.
        assertThat(last).as("%s final train loss", kind).isLessThan(first * 0.5).isLessThan(0.5);
        assertThat(((RegressionReport) result.test().orElseThrow()).r2()).isGreaterThan(0.85);
    }

    @Test
    void learningRateFollowsTheScheduleDuringTraining() {
        RecordingListener listener = new RecordingListener();
        TrainingConfig config = base().optimizer(OptimizerKind.SGD, 0.1)
                .schedule(ScheduleConfig.stepDecay(2, 0.5).withWarmup(1)).epochs(5).build();
        new SupervisedTrainer(config, listener).train(Nets.mlp(1), TWO, linear(), dir, new CancellationFlag());

        List<Double> rates = listener.batches.stream().map(BatchMetrics::learningRate).toList();
        assertThat(rates).hasSize(50);
        assertThat(rates.get(0)).isCloseTo(0.01, within(1e-12));
        assertThat(rates.get(9)).isCloseTo(0.1, within(1e-12));
        assertThat(rates.subList(10, 30)).containsOnly(0.1);
        assertThat(rates.subList(30, 50)).containsOnly(0.05);
    }

    @Test
    void reduceOnPlateauCutsTheRateWhenTheLossStalls() {
        RecordingListener listener = new RecordingListener();
        // Constant targets: after the first epochs nothing improves by more than min delta 10.
        TrainingConfig config = base().optimizer(OptimizerKind.SGD, 0.05)
                .schedule(ScheduleConfig.reduceOnPlateau(0.5, 1))
                .earlyStopping(new dev.netwright.engine.train.config.EarlyStoppingConfig(false,
                        dev.netwright.engine.train.config.MonitoredMetric.TRAIN_LOSS,
                        dev.netwright.engine.train.config.StopMode.MIN, 1, 10.0))
                .epochs(4).build();
        new SupervisedTrainer(config, listener).train(Nets.mlp(1), TWO, linear(), dir, new CancellationFlag());

        // Epoch 1 sets the best value; each later epoch fails to improve by 10, and patience 1 cuts at its end.
        assertThat(listener.epochs).extracting(EpochMetrics::learningRate)
                .containsExactly(0.05, 0.05, 0.025, 0.0125);
        assertThat(listener.messages).anyMatch(m -> m.startsWith("learning rate reduced to 0.025"));
    }

    @Test
    void clippingByNormBoundsEveryUpdate() {
        double lr = 1.0;
        double maxNorm = 0.01;
        Block block = Nets.mlp(1, 4);
        List<Double> stepSizes = new ArrayList<>();
        List<Double> gradientNorms = new ArrayList<>();
        RecordingListener listener = new RecordingListener() {
            private float[] previous;

            @Override
            public void onBatch(BatchMetrics metrics) {
                float[] now = flatten(block);
                if (previous != null) {
                    double sq = 0;
                    for (int i = 0; i < now.length; i++) {
                        sq += (now[i] - previous[i]) * (double) (now[i] - previous[i]);
                    }
                    stepSizes.add(Math.sqrt(sq));
                }
                previous = now;
                gradientNorms.add(metrics.gradientNorm());
            }
        };
        TrainingConfig config = base().optimizer(OptimizerKind.SGD, lr).clipping(GradientClipping.byNorm(maxNorm))
                .epochs(2).build();
        new SupervisedTrainer(config, listener).train(block, TWO, linear(), dir, new CancellationFlag());

        assertThat(gradientNorms).anyMatch(n -> n > 10 * maxNorm);
        assertThat(stepSizes).hasSize(19).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(lr * maxNorm * 1.001));
        assertThat(stepSizes).anyMatch(s -> s > lr * maxNorm * 0.9);
    }

    private static float[] flatten(Block block) {
        List<Float> values = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                values.add(v);
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void l1AndL2PenaltiesMoveTheOptimumByTheExpectedAmount() {
        // y = 2 x with x ~ N(0, 1): the MSE optimum is w = 2. Adding l2 w^2 moves it to 2 / (1 + l2);
        // adding l1 |w| moves it to 2 - l1 / 2. Checks that the penalties are applied, and with the right scale.
        assertThat(trainedSlope(0, 0)).isCloseTo(2.0, within(0.1));
        assertThat(trainedSlope(0, 1.0)).isCloseTo(1.0, within(0.1));
        assertThat(trainedSlope(1.0, 0)).isCloseTo(1.5, within(0.1));
    }

    private double trainedSlope(double l1, double l2) {
        java.util.Random r = new java.util.Random(4);
        int n = 400;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = 2 * x[i];
        }
        ArrayDataset data = new ArrayDataset("slope", new long[] {1}, x, y, 1, ArrayDataset.Task.REGRESSION,
                List.of());
        Block block = Nets.mlp(1);
        double[] slope = new double[1];
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                NDArray w = block.getParameters().get(0).getValue().getArray();
                slope[0] = w.toFloatArray()[0];
            }
        };
        TrainingConfig config = base().optimizer(OptimizerKind.SGD, 0.05).regularization(l1, l2).epochs(5).build();
        new SupervisedTrainer(config, listener).train(block, new Shape(1), TrainingData.of(data, null, null),
                dir.resolve("reg-" + l1 + "-" + l2), new CancellationFlag());
        return slope[0];
    }

    @Test
    void huberAndMaeLossesTrainRegression() {
        for (LossKind loss : List.of(LossKind.HUBER, LossKind.MAE)) {
            TrainingConfig config = base().loss(loss).optimizer(OptimizerKind.ADAM, 0.05).epochs(10).build();
            TrainingResult result = new SupervisedTrainer(config, TrainingListenerNone.INSTANCE)
                    .train(Nets.mlp(1), TWO, linear(), dir.resolve(loss.name()), new CancellationFlag());
            assertThat(((RegressionReport) result.test().orElseThrow()).mae()).as(loss.name()).isLessThan(0.3);
        }
    }

    @Test
    void binaryCrossEntropyWithOneLogitClassifies() {
        TrainingConfig config = base().loss(LossKind.BINARY_CROSS_ENTROPY).optimizer(OptimizerKind.ADAM, 0.02)
                .weightInit(WeightInit.HE).epochs(20).batchSize(32).build();
        TrainingResult result = new SupervisedTrainer(config, TrainingListenerNone.INSTANCE).train(Nets.mlp(1, 32, 32),
                TWO, TrainingData.of(TestData.twoMoons(300, 0.2, 1), null, TestData.twoMoons(200, 0.2, 2)), dir,
                new CancellationFlag());
        var report = (dev.netwright.engine.train.metrics.ClassificationReport) result.test().orElseThrow();
        assertThat(report.accuracy()).isGreaterThan(0.9);
        assertThat(report.confusion().size()).isEqualTo(2);
    }

    /** Shorthand for the no-op listener. */
    static final class TrainingListenerNone {
        static final dev.netwright.engine.train.metrics.TrainingListener INSTANCE =
                dev.netwright.engine.train.metrics.TrainingListener.NONE;
    }

    @Test
    void optimizerDefaultsDifferPerFamily() {
        assertThat(OptimizerConfig.defaults(OptimizerKind.SGD).learningRate()).isEqualTo(0.01);
        assertThat(OptimizerConfig.defaults(OptimizerKind.ADAMW).weightDecay()).isEqualTo(0.01);
    }
}
