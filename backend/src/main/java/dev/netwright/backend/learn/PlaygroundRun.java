package dev.netwright.backend.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.TrainTest;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.EngineSupport;
import dev.netwright.engine.train.SupervisedTrainer;
import dev.netwright.engine.train.TrainingData;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One playground training: a small MLP on a 2-D set, trained with DJL in this process, that hands out the model's
 * class-1 probability over a grid (the decision boundary) every few hundred milliseconds.
 */
public final class PlaygroundRun {
    public static final int GRID = 40;
    /** The playground trains until the user stops it (spirals keep improving long after 500 epochs). */
    static final int UNTIL_STOPPED = Integer.MAX_VALUE;
    static final int TRAIN_SAMPLES = 400;
    static final int TEST_SAMPLES = 200;
    private static final long FRAME_INTERVAL_NANOS = 250_000_000L;

    /** Points and their classes (0 or 1), x and y interleaved. */
    public record Points(float[] xy, float[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /**
     * The plotted square, the same span on both axes so circles stay round: around the data with a margin, its
     * edges on multiples of 0.5 so the axes read well.
     */
    public record Bounds(double minX, double minY, double span) {
        public double x(int col) {
            return minX + span * (col + 0.5) / GRID;
        }

        public double y(int row) {
            return minY + span * (row + 0.5) / GRID;
        }

        static Bounds around(float[] xy) {
            double loX = Double.MAX_VALUE, hiX = -Double.MAX_VALUE, loY = Double.MAX_VALUE, hiY = -Double.MAX_VALUE;
            for (int i = 0; i + 1 < xy.length; i += 2) {
                loX = Math.min(loX, xy[i]);
                hiX = Math.max(hiX, xy[i]);
                loY = Math.min(loY, xy[i + 1]);
                hiY = Math.max(hiY, xy[i + 1]);
            }
            double span = Math.ceil(Math.max(hiX - loX, hiY - loY) * 1.15 * 2) / 2;
            double minX = Math.floor(((loX + hiX) / 2 - span / 2) * 2) / 2;
            double minY = Math.floor(((loY + hiY) / 2 - span / 2) * 2) / 2;
            // flooring the corner may cut off the far side: widen by one step if it does
            if (minX + span < hiX || minY + span < hiY) {
                span += 0.5;
            }
            return new Bounds(minX, minY, span);
        }
    }

    /**
     * What the learner sees after an epoch.
     *
     * @param probabilities P(class 1) at each grid cell, row by row from the bottom (y), GRID × GRID
     */
    public record Frame(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, float[] probabilities) {
    }

    private final PlaygroundSettings settings;
    private final Points train;
    private final Points test;
    private final Bounds bounds;

    PlaygroundRun(PlaygroundSettings settings) {
        this.settings = settings;
        TrainTest data = BuiltinCatalog.standard().load(settings.dataset(),
                new LoadOptions(settings.seed(), TRAIN_SAMPLES));
        Random noise = new Random(settings.seed() * 31L + 7);
        this.train = noisy(data.train(), noise);
        this.test = noisy(data.test(), noise);
        this.bounds = Bounds.around(train.xy());
    }

    private Points noisy(ArrayDataset d, Random random) {
        float[] xy = d.features().clone();
        if (settings.noise() > 0) {
            for (int i = 0; i < xy.length; i++) {
                xy[i] += (float) (settings.noise() * random.nextGaussian());
            }
        }
        return new Points(xy, d.targets().clone());
    }

    /** For the operators' log: what is being trained. */
    public String settingsSummary() {
        return settings.dataset() + ", " + settings.hiddenLayers() + " x " + settings.units() + " "
                + settings.activation() + ", lr " + settings.learningRate();
    }

    public Points train() {
        return train;
    }

    public Bounds bounds() {
        return bounds;
    }

    Design design() {
        DesignBuilder b = DesignBuilder.named("playground").node("x", "Input", "shape", List.of(2));
        for (int i = 1; i <= settings.hiddenLayers(); i++) {
            b = b.then("hidden" + i, "Dense", "units", settings.units(), "activation", settings.activation());
        }
        return b.then("output", "Dense", "units", 2).build();
    }

    /** Trains until cancelled; {@code frames} is called on the training thread. */
    void run(CancellationFlag cancel, PauseGate gate, Consumer<Frame> frames) {
        Block block;
        try {
            block = new DesignCompiler().compile(design(), true).block();
        } catch (DesignNotTrainableException e) {
            throw new IllegalStateException("the playground network does not compile: " + e.getMessage(), e);
        }
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, settings.learningRate()).regularization(settings.l1(), settings.l2())
                .epochs(UNTIL_STOPPED).batchSize(32).seed(settings.seed()).validationFraction(0).build();
        TrainingListener listener = new TrainingListener() {
            private long lastFrame;

            @Override
            public void onBatch(BatchMetrics metrics) {
                gate.awaitIfPaused(cancel);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                long now = System.nanoTime();
                if (m.epoch() > 1 && now - lastFrame < FRAME_INTERVAL_NANOS) {
                    return;
                }
                lastFrame = now;
                frames.accept(frame(block, m));
            }
        };
        Path checkpoints = null;
        try {
            checkpoints = Files.createTempDirectory("netwright-playground");
            new SupervisedTrainer(config, listener).train(block, new Shape(2),
                    TrainingData.of(dataset("train", train), null, null), checkpoints, cancel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(checkpoints);
        }
    }

    private ArrayDataset dataset(String name, Points p) {
        return new ArrayDataset(settings.dataset() + "/" + name, new long[] {2}, p.xy(), p.labels(), 1,
                ArrayDataset.Task.CLASSIFICATION, List.of("class 0", "class 1"));
    }

    /** One forward pass over the grid and the test points together; the block is in inference mode here. */
    private Frame frame(Block block, EpochMetrics m) {
        int cells = GRID * GRID;
        float[] batch = new float[(cells + test.size()) * 2];
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int i = row * GRID + col;
                batch[2 * i] = (float) bounds.x(col);
                batch[2 * i + 1] = (float) bounds.y(row);
            }
        }
        System.arraycopy(test.xy(), 0, batch, cells * 2, test.xy().length);
        try (NDManager manager = NDManager.newBaseManager(EngineSupport.device())) {
            NDArray x = manager.create(batch, new Shape(cells + test.size(), 2));
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            float[] p = logits.softmax(1).get(":, 1").toFloatArray();
            float[] grid = java.util.Arrays.copyOf(p, cells);
            int correct = 0;
            for (int i = 0; i < test.size(); i++) {
                if ((p[cells + i] >= 0.5f ? 1 : 0) == Math.round(test.labels()[i])) {
                    correct++;
                }
            }
            return new Frame(m.epoch(), m.train().loss(), m.train().accuracy().orElse(Double.NaN),
                    (double) correct / Math.max(1, test.size()), grid);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
