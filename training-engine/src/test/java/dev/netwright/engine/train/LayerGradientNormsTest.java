package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.train.config.GradientClipping;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.LayerGradientNorms;
import dev.netwright.engine.train.metrics.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer gradient norms: named by design node, reported per epoch and per N batches, and they show vanishing. */
class LayerGradientNormsTest {
    private static final int DEPTH = 8;

    @TempDir
    Path dir;

    /** Input, DEPTH hidden Dense layers of 16 units with the activation, and a 2-logit output. */
    private static Design deep(String activation) throws Exception {
        DesignBuilder b = DesignBuilder.named("deep-" + activation).node("in", "Input", "shape", List.of(2));
        for (int i = 1; i <= DEPTH; i++) {
            b = b.then("h" + i, "Dense", "units", 16, "activation", activation);
        }
        return b.then("out", "Dense", "units", 2).build();
    }

    private static final class Recorder implements TrainingListener {
        final List<LayerGradientNorms> reports = new ArrayList<>();
        final int interval;

        Recorder(int interval) {
            this.interval = interval;
        }

        @Override
        public void onLayerGradients(LayerGradientNorms norms) {
            reports.add(norms);
        }

        @Override
        public int layerGradientInterval() {
            return interval;
        }

        List<LayerGradientNorms> summaries() {
            return reports.stream().filter(LayerGradientNorms::isEpochSummary).toList();
        }
    }

    private Recorder train(String activation, TrainingConfig.Builder config, int interval) throws Exception {
        Recorder recorder = new Recorder(interval);
        var network = new DesignCompiler().compile(deep(activation), true);
        new SupervisedTrainer(config.build(), recorder).train(network.block(), new Shape(2),
                TrainingData.of(TestData.twoMoons(320, 0.2, 1), null, null), dir.resolve(activation),
                new CancellationFlag());
        return recorder;
    }

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY).optimizer(OptimizerKind.SGD, 0.1)
                .epochs(3).batchSize(32).seed(11).validationFraction(0);
    }

    /** first hidden layer's norm over the output layer's, from the last epoch's summary */
    private static double firstOverLast(Recorder r) {
        List<LayerGradientNorms.LayerNorm> layers = r.summaries().getLast().layers();
        return layers.getFirst().norm() / layers.getLast().norm();
    }

    @Test
    void deepSigmoidNetworkLosesItsGradientOnTheWayBackUnlikeRelu() throws Exception {
        Recorder sigmoid = train("sigmoid", config(), 0);
        Recorder relu = train("relu", config(), 0);

        assertThat(sigmoid.summaries()).hasSize(3);
        List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, DEPTH).mapToObj(i -> "h" + i).toList());
        expected.add("out");
        assertThat(sigmoid.summaries().getLast().layers()).extracting(LayerGradientNorms.LayerNorm::layer)
                .containsExactlyElementsOf(expected);
        assertThat(sigmoid.reports).allSatisfy(r -> assertThat(r.layers())
                .allSatisfy(l -> assertThat(l.norm()).isFinite().isPositive()));

        double sigmoidRatio = firstOverLast(sigmoid);
        double reluRatio = firstOverLast(relu);
        System.out.printf("first/last layer gradient norm: sigmoid %.3g, relu %.3g%n", sigmoidRatio, reluRatio);
        // each sigmoid layer scales the backward signal by at most 1/4: eight of them leave well under 1 %
        assertThat(sigmoidRatio).isLessThan(0.01);
        assertThat(reluRatio).isGreaterThan(100 * sigmoidRatio);
        // norms shrink layer by layer going backwards through the sigmoid stack
        List<LayerGradientNorms.LayerNorm> layers = sigmoid.summaries().getLast().layers();
        assertThat(layers.get(0).norm()).isLessThan(layers.get(DEPTH / 2).norm());
        assertThat(layers.get(DEPTH / 2).norm()).isLessThan(layers.get(DEPTH - 1).norm());
    }

    @Test
    void batchReportsEveryIntervalAndTheSummaryIsTheirMean() throws Exception {
        // 320 samples / 32 = 10 batches an epoch; every 5th batch gives 2 batch reports per epoch
        Recorder every5 = train("relu", config().epochs(2), 5);
        assertThat(every5.reports).extracting(LayerGradientNorms::epoch, LayerGradientNorms::batch)
                .containsExactly(tuple(1, 5), tuple(1, 10), tuple(1, 0), tuple(2, 5), tuple(2, 10), tuple(2, 0));

        Recorder everyBatch = train("tanh", config().epochs(1), 1);
        List<LayerGradientNorms> batches = everyBatch.reports.stream().filter(r -> !r.isEpochSummary()).toList();
        assertThat(batches).hasSize(10);
        for (int layer = 0; layer <= DEPTH; layer++) {
            int l = layer;
            double mean = batches.stream().mapToDouble(r -> r.layers().get(l).norm()).average().orElseThrow();
            assertThat(everyBatch.summaries().getFirst().layers().get(l).norm()).isCloseTo(mean, within(1e-9 * mean));
        }
    }

    @Test
    void clippedRunsReportNormsBeforeClipping() throws Exception {
        Recorder r = train("relu", config().epochs(1).clipping(new GradientClipping(1e-3, 0)), 1);
        // the global norm of batch 1 squared is the sum of the layers' squared norms; clipping at 1e-3 would
        // make it at most 1e-3 if norms were taken after clipping
        double global = Math.sqrt(r.reports.getFirst().layers().stream().mapToDouble(l -> l.norm() * l.norm()).sum());
        assertThat(global).isGreaterThan(1e-2);
    }
}
