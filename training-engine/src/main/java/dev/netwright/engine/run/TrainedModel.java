package dev.netwright.engine.run;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.netwright.designer.format.DesignFormatException;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.compile.CompiledGan;
import dev.netwright.engine.compile.CompiledNetwork;
import dev.netwright.engine.compile.DesignCompiler;
import dev.netwright.engine.compile.DesignNotTrainableException;
import dev.netwright.engine.compile.OutputActivation;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.Normaliser;
import dev.netwright.engine.train.EngineSupport;
import dev.netwright.engine.train.IntraOpThreads;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A saved model loaded for prediction: rebuilds the network from its design, loads the weights, and applies the
 * stored normalisation and output activation so predictions equal the training run's.
 */
public final class TrainedModel implements AutoCloseable {
    private final ModelManifest manifest;
    private final Design design;
    private final Model model;
    private final CompiledNetwork network;
    private final Optional<Normaliser> normaliser;
    private final InputBuffers inputs = new InputBuffers();
    /** The design's multiply-adds per sample (0 when not known): how much work a prediction is. */
    private final long multiplyAdds;

    private TrainedModel(ModelManifest manifest, Design design, Model model, CompiledNetwork network) {
        this.manifest = manifest;
        this.design = design;
        this.model = model;
        this.network = network;
        this.multiplyAdds = multiplyAdds(design);
        this.normaliser = Optional.ofNullable(manifest.normaliser()).map(Normaliser::fromText);
    }

    /** Per sample, from the design's analysis; 0 (unknown: predictions keep every thread) if it cannot be had. */
    private static long multiplyAdds(Design design) {
        try {
            return Math.max(0, new dev.netwright.designer.analysis.DesignAnalyzer().analyze(design).totals()
                    .multiplyAdds());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Loads a model directory written by a training run; for a GAN, the generator. */
    public static TrainedModel load(Path dir) {
        try {
            return load(dir, new DesignJson().read(Files.readString(dir.resolve(ModelBundle.DESIGN))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        } catch (DesignFormatException e) {
            throw new IllegalArgumentException("the design stored in " + dir + " is not usable: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the weights in {@code dir} into the network compiled from {@code design}, ignoring the directory's own
     * design.json: a server compiles the design it stored for the run, not whatever a worker put in the artifact.
     */
    public static TrainedModel load(Path dir, Design design) {
        try {
            ModelManifest manifest = ModelBundle.JSON.readValue(Files.readString(dir.resolve(ModelBundle.MANIFEST)),
                    ModelManifest.class);
            if (!ModelManifest.FORMAT.equals(manifest.format())) {
                throw new IllegalArgumentException(dir + " holds an unsupported model format " + manifest.format());
            }
            DesignCompiler compiler = new DesignCompiler();
            CompiledNetwork network;
            Path weights = dir.resolve(ModelBundle.WEIGHTS);
            if (manifest.isGan()) {
                CompiledGan gan = compiler.compileGan(design);
                network = gan.generator();
                weights = weights.resolve("generator");
            } else {
                network = compiler.compile(design, manifest.outputActivation() != OutputActivation.NONE);
            }
            Model model = Model.newInstance("netwright", EngineSupport.device());
            model.setBlock(network.block());
            model.load(weights, "model");
            return new TrainedModel(manifest, design, model, network);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        } catch (DesignNotTrainableException e) {
            throw new IllegalArgumentException("the design of the model in " + dir + " is not usable: "
                    + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalArgumentException("the weights in " + dir + " do not fit its design: " + e.getMessage(), e);
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public Design design() {
        return design;
    }

    /** The loaded network (the generator for a GAN). */
    public dev.netwright.engine.compile.GraphBlock block() {
        return network.block();
    }

    /**
     * Runs the network on {@code count} samples given row by row (raw, un-normalised values) and returns the outputs
     * after the output activation: class probabilities for classifiers, values for regression, samples for a
     * generator fed latent vectors.
     */
    public float[] predict(float[] rows, int count) {
        int width = rows.length / Math.max(count, 1);
        if (manifest.series() != null) {
            // a forecaster sees windows scaled as in training and answers in the series' units
            return manifest.series().unscaleForecasts(forward(manifest.series().scaleWindows(rows), count, false));
        }
        if (count > 0 && rows.length != (long) count * width) {
            throw new IllegalArgumentException(rows.length + " values are not " + count + " samples of equal size");
        }
        if (normaliser.isPresent() && normaliser.get().width() != width) {
            throw new IllegalArgumentException("each sample needs " + normaliser.get().width() + " values, got "
                    + width);
        }
        return forward(rows, count, normaliser.isPresent());
    }

    /**
     * Like {@link #predict(float[], int)} for samples held one array each (a request's rows): they are written
     * straight into the input tensor's buffer, normalised on the way, without first joining them into one array.
     */
    public float[] predict(java.util.List<float[]> rows) {
        int count = rows.size();
        int width = count == 0 ? 0 : rows.getFirst().length;
        for (int i = 1; i < count; i++) {
            if (rows.get(i).length != width) {
                throw new IllegalArgumentException("sample " + i + " has " + rows.get(i).length + " values, sample 0 "
                        + width);
            }
        }
        if (manifest.series() != null) {
            float[] flat = new float[count * width];
            for (int i = 0; i < count; i++) {
                System.arraycopy(rows.get(i), 0, flat, i * width, width);
            }
            return predict(flat, count);
        }
        if (normaliser.isPresent() && normaliser.get().width() != width) {
            throw new IllegalArgumentException("each sample needs " + normaliser.get().width() + " values, got "
                    + width);
        }
        Normaliser n = normaliser.orElse(null);
        return forward(new Rows(count, (long) count * width, into -> {
            for (float[] row : rows) {
                write(row, 0, width, into, n);
            }
        }));
    }

    /**
     * Predicts raw texts of a model trained on text: each is tokenised with the saved vocabulary, padded or cut to
     * the Input length, then run like {@link #predict}.
     */
    public float[] predictTexts(java.util.List<String> texts) {
        if (manifest.text() == null) {
            throw new IllegalArgumentException("this model was not trained on text; it takes "
                    + java.util.Arrays.toString(manifest.inputShape()) + " numbers per sample");
        }
        return predict(manifest.text().encodeAll(texts).ids(), texts.size());
    }

    /**
     * Predicts {@code count} images of shape {@code imageShape} [1 or 3 channels, height, width] (values 0 to 1): at
     * the Input's shape they run as they are; at another size a model trained with ImageNet preprocessing resizes
     * them as training did (see {@link ModelManifest#imagePreprocessing()}), any other model refuses them.
     */
    public float[] predictImages(float[] images, long[] imageShape, int count) {
        return predict(toInput(images, imageShape, count), count);
    }

    /** Images at the Input's shape, by the rule training fitted its samples with ({@link ShapeAdaptation}). */
    private float[] toInput(float[] images, long[] imageShape, int count) {
        return ShapeAdaptation.check(imageShape, manifest.inputShape(), manifest.imagePreprocessing())
                .apply(images, count);
    }

    /**
     * Outputs for every sample of raw {@code data}, in batches (one row of outputs per sample). Images of another size
     * than the Input are resized batch by batch, as {@link #predictImages} does.
     */
    float[] predictBatched(ArrayDataset data) {
        int batch = 256;
        int outputs = (int) java.util.Arrays.stream(manifest.outputShape()).reduce(1, (a, b) -> a * b);
        float[] all = new float[data.size() * outputs];
        ShapeAdaptation fit = ShapeAdaptation.check(data.sampleShape(), manifest.inputShape(),
                manifest.imagePreprocessing());
        for (int start = 0; start < data.size(); start += batch) {
            int n = Math.min(batch, data.size() - start);
            float[] rows = java.util.Arrays.copyOfRange(data.features(), start * data.sampleSize(),
                    (start + n) * data.sampleSize());
            System.arraycopy(predict(fit.apply(rows, n), n), 0, all, start * outputs, n * outputs);
        }
        return all;
    }

    /** Like {@link #predict}, for rows already normalised as in training (the prepared splits of a run). */
    public float[] predictNormalised(float[] rows, int count) {
        return forward(rows, count, false);
    }

    /** The network's outputs for {@code count} samples; {@code normalise}: raw rows, normalised here as in training. */
    private float[] forward(float[] input, int count, boolean normalise) {
        int width = input.length / Math.max(count, 1);
        Normaliser n = normalise ? normaliser.orElseThrow() : null;
        return forward(new Rows(count, input.length, into -> {
            for (int from = 0; from + width <= input.length && width > 0; from += width) {
                write(input, from, width, into, n);
            }
        }));
    }

    /** Samples to run: how many, how many values in all, and how to write them into the input buffer. */
    private record Rows(int count, long values, java.util.function.Consumer<java.nio.FloatBuffer> writer) {
    }

    /** One sample into {@code into}, normalised (the same float operations as training's) when {@code n} is set. */
    private static void write(float[] rows, int from, int width, java.nio.FloatBuffer into, Normaliser n) {
        if (n == null) {
            into.put(rows, from, width);
        } else {
            n.applyInto(rows, from, into);
        }
    }

    private float[] forward(Rows rows) {
        long[] shape = manifest.inputShape();
        int count = rows.count();
        long expected = 1;
        for (long d : shape) {
            expected *= d;
        }
        if (count < 1 || (long) count * expected != rows.values()) {
            throw new IllegalArgumentException("each sample needs " + expected + " values (shape "
                    + java.util.Arrays.toString(shape) + "), got " + rows.values() + " values for " + count
                    + " samples");
        }
        long[] dims = new long[shape.length + 1];
        dims[0] = count;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        java.nio.ByteBuffer buffer = inputs.take(rows.values() * Float.BYTES);
        try (NDManager scope = model.getNDManager().newSubManager();
             IntraOpThreads.Scope threads = IntraOpThreads.forWork(count * multiplyAdds)) {
            rows.writer().accept(buffer.asFloatBuffer());
            // no autograd graph for predictions (PyTorch's no_grad): grad mode is per thread and request threads
            // never trained
            EngineSupport.inferenceThread();
            // on the CPU the input array shares the buffer (no copy); it is freed with the scope, before the buffer
            // goes back to the pool
            NDArray x = scope.create(buffer, new ai.djl.ndarray.types.Shape(dims),
                    ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray out = network.block().forward(new ParameterStore(scope, false), new NDList(x), false).head();
            return manifest.outputActivation().apply(out).toFloatArray();
        } finally {
            inputs.give(buffer);
        }
    }

    /** Evaluates on raw (un-normalised) labelled data, in batches. */
    public EvaluationReport evaluate(ArrayDataset data) {
        int outputs = (int) java.util.Arrays.stream(manifest.outputShape()).reduce(1, (a, b) -> a * b);
        float[] all = predictBatched(data);
        if (data.task() == ArrayDataset.Task.CLASSIFICATION) {
            int[] predicted = new int[data.size()];
            int[] actual = new int[data.size()];
            double loss = 0;
            for (int i = 0; i < data.size(); i++) {
                actual[i] = data.label(i);
                predicted[i] = argmax(all, i * outputs, outputs);
                loss -= Math.log(Math.max(outputs == 1 ? (actual[i] == 1 ? all[i] : 1 - all[i])
                        : all[i * outputs + actual[i]], 1e-12));
                if (outputs == 1) {
                    predicted[i] = all[i] >= 0.5f ? 1 : 0;
                }
            }
            return Reports.classification(predicted, actual, manifest.classNames(), loss / data.size());
        }
        double loss = 0;
        for (int i = 0; i < all.length; i++) {
            double d = all[i] - data.targets()[i];
            loss += d * d;
        }
        return Reports.regression(all, data.targets(), loss / Math.max(all.length, 1));
    }

    static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        model.close();
    }
}
