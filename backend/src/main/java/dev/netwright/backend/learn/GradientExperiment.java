package dev.netwright.backend.learn;

import ai.djl.ndarray.types.Shape;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.data.TrainTest;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.SupervisedTrainer;
import dev.netwright.engine.train.TrainingData;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.LayerGradientNorms;
import dev.netwright.engine.train.metrics.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The vanishing-gradient experiment: the same deep MLP (8 hidden layers of 16) trained on two moons once with
 * sigmoid and once with ReLU, by plain SGD so nothing rescales the gradients, reporting each layer's gradient norm
 * every epoch. Small enough to finish in seconds on one CPU core.
 *
 * @param depth   hidden layers
 * @param units   units per hidden layer
 * @param epochs  epochs per network
 * @param samples training samples
 */
public record GradientExperiment(int depth, int units, int epochs, int samples) {
    public static final GradientExperiment STANDARD = new GradientExperiment(8, 16, 20, 256);
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "relu");

    /** Receives one network's per-layer norms each epoch, on the training thread. */
    public interface Progress {
        void epoch(String activation, EpochNorms norms);
    }

    /** One epoch's mean gradient norm per layer, input side first. */
    public record EpochNorms(int epoch, List<LayerNorm> layers) {
        static EpochNorms of(LayerGradientNorms norms) {
            return new EpochNorms(norms.epoch(), norms.layers().stream()
                    .map(l -> new LayerNorm(l.layer(), l.norm())).toList());
        }
    }

    /** A layer's (node's) gradient norm. */
    public record LayerNorm(String layer, double norm) {
    }

    public Design design(String activation) {
        DesignBuilder b = DesignBuilder.named("deep " + activation).node("in", "Input", "shape", List.of(2));
        for (int i = 1; i <= depth; i++) {
            b = b.then("h" + i, "Dense", "units", units, "activation", activation);
        }
        return b.then("out", "Dense", "units", 2).build();
    }

    /** Trains both networks one after the other; returns early when cancelled. */
    void run(Progress progress, CancellationFlag cancel) {
        TrainTest data = BuiltinCatalog.standard().load("moons", new LoadOptions(5, samples));
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.SGD, 0.1).epochs(epochs).batchSize(32).seed(5).validationFraction(0)
                .build();
        Path checkpoints = null;
        try {
            checkpoints = Files.createTempDirectory("netwright-learn-gradients");
            for (String activation : ACTIVATIONS) {
                if (cancel.isCancelled()) {
                    return;
                }
                var network = new DesignCompiler().compile(design(activation), true);
                TrainingListener listener = new TrainingListener() {
                    @Override
                    public void onLayerGradients(LayerGradientNorms norms) {
                        progress.epoch(activation, EpochNorms.of(norms));
                    }
                };
                new SupervisedTrainer(config, listener).train(network.block(), new Shape(2),
                        TrainingData.of(data.train(), null, null), checkpoints.resolve(activation), cancel);
            }
        } catch (DesignNotTrainableException e) {
            throw new IllegalStateException("the experiment's network does not compile: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(checkpoints);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless; the OS cleans it
        }
    }
}
