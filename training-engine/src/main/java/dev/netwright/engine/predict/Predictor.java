package dev.netwright.engine.predict;

import dev.netwright.designer.model.Node;
import dev.netwright.engine.run.ModelManifest;
import dev.netwright.engine.run.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Prediction on a saved model for people and services: reads inputs as they are written (JSON samples, CSV rows),
 * encodes them as training did, runs the network (which applies the stored normalisation and output activation) and
 * names the answer (class and probabilities, or values). For a GAN it draws samples from the generator. Safe to
 * share between threads: each call works in its own native memory scope.
 */
public final class Predictor implements AutoCloseable {
    /** Most samples one call may carry, so one request cannot take all memory. */
    static final int MAX_BATCH = 10_000;
    private final TrainedModel model;
    private final InputSchema schema;
    private final SampleReader reader;

    private Predictor(TrainedModel model) {
        this.model = model;
        ModelManifest m = model.manifest();
        Optional<dev.netwright.engine.data.tabular.TableEncoding> table = Optional.ofNullable(m.table());
        long[] shape = m.inputShape();
        int width = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int vocab = model.design().nodes().stream().filter(n -> n.type().equals("Embedding")).findFirst()
                .map(Predictor::vocabSize).orElse(0);
        InputKind kind;
        if (m.isGan()) {
            kind = InputKind.LATENT;
        } else if (m.text() != null) {
            kind = InputKind.TEXT;
        } else if (m.series() != null) {
            kind = InputKind.SERIES;
        } else if (table.isPresent()) {
            kind = InputKind.TABLE;
        } else if (vocab > 0) {
            kind = InputKind.TOKENS;
        } else if (shape.length == 3) {
            kind = InputKind.IMAGE;
        } else if (shape.length == 2) {
            kind = InputKind.SEQUENCE;
        } else {
            kind = InputKind.VECTOR;
        }
        this.schema = new InputSchema(kind, shape, width,
                table.map(dev.netwright.engine.data.tabular.TableEncoding::columns).orElse(List.of()), vocab,
                m.classNames(), m.task(), m.outputShape());
        this.reader = new SampleReader(schema, table, Optional.ofNullable(m.text()), m.imagePreprocessing());
    }

    private static int vocabSize(Node n) {
        Object v = n.params().get("vocabSize");
        return v instanceof Number num ? num.intValue() : 1000; // the catalog's default when the design leaves it out
    }

    /** Loads a model directory written by a training run. */
    public static Predictor load(Path dir) {
        return new Predictor(TrainedModel.load(dir));
    }

    /** Loads the weights in {@code dir} into {@code design} (the one stored for the run, not the directory's). */
    public static Predictor load(Path dir, dev.netwright.designer.model.Design design) {
        return new Predictor(TrainedModel.load(dir, design));
    }

    public InputSchema schema() {
        return schema;
    }

    public ModelManifest manifest() {
        return model.manifest();
    }

    /**
     * Samples from a JSON body: {@code {"inputs": [s1, s2, ...]}} or {@code {"input": s}}, each sample as
     * {@link #readSample} takes it. Paths in errors are JSON paths into the body.
     */
    public List<float[]> readBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InputProblem("$", "expected a JSON object with \"inputs\" (a list of samples) or \"input\"");
        }
        List<float[]> rows = new ArrayList<>();
        if (body.has("inputs")) {
            JsonNode all = body.get("inputs");
            if (!all.isArray() || all.isEmpty()) {
                throw new InputProblem("$.inputs", "expected a non-empty list of samples");
            }
            if (all.size() > MAX_BATCH) {
                throw new InputProblem("$.inputs", all.size() + " samples; at most " + MAX_BATCH + " per request");
            }
            for (int i = 0; i < all.size(); i++) {
                rows.add(readSample(all.get(i), "$.inputs[" + i + "]"));
            }
        } else if (body.has("input")) {
            rows.add(readSample(body.get("input"), "$.input"));
        } else {
            throw new InputProblem("$", "expected \"inputs\" (a list of samples) or \"input\" (one sample)");
        }
        return rows;
    }

    /**
     * The rows of a body read as plain numbers ({@link NumberSamples}), exactly as {@link #readBody} would read the
     * same JSON; empty when one of its samples is not a plain sample of this model or there are more than
     * {@value #MAX_BATCH}, so that the caller reads the body's tree, whose reading names what is wrong and where.
     */
    public Optional<List<float[]>> readBody(NumberSamples body) {
        if (body.samples().size() > MAX_BATCH) {
            return Optional.empty();
        }
        List<float[]> rows = new ArrayList<>(body.samples().size());
        for (NumberSamples.Sample sample : body.samples()) {
            Optional<float[]> row = reader.read(sample);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            rows.add(row.get());
        }
        return Optional.of(rows);
    }

    /**
     * One sample: numbers as nested arrays matching the input shape (or flat), an object of column name to value
     * for table models, token ids / text of ids for token models, raw text for models trained on text. A model
     * trained with ImageNet preprocessing also takes images [channels][height][width] of any size, resized here as
     * training resized its images.
     */
    float[] readSample(JsonNode sample, String path) {
        return reader.read(sample, path);
    }

    /** One CSV record under {@code header}; {@code line} is named in errors. */
    public float[] readCsvRow(List<String> header, List<String> cells, long line) {
        return reader.csvRow(header, cells, line);
    }

    /** Predicts raw (encoded, un-normalised) rows of {@link InputSchema#width()} values each. */
    public List<Prediction> predict(List<float[]> rows) {
        if (schema.kind() == InputKind.LATENT) {
            throw new InputProblem("$", "a GAN generator does not predict; generate samples instead");
        }
        float[] out = model.predict(rows);
        int k = out.length / Math.max(rows.size(), 1);
        List<Prediction> answers = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            answers.add(name(out, i * k, k));
        }
        return answers;
    }

    private Prediction name(float[] out, int from, int k) {
        List<Double> values = new OutputValues(out, from, k);
        List<String> classes = schema.classNames();
        if (!schema.classifier() || classes.isEmpty()) {
            return new Prediction(null, -1, Map.of(), values);
        }
        if (k == 1 && classes.size() == 2) { // one sigmoid unit: the probability of the second class
            double p1 = out[from];
            Map<String, Double> p = new java.util.LinkedHashMap<>();
            p.put(classes.get(0), 1 - p1);
            p.put(classes.get(1), p1);
            int best = p1 >= 0.5 ? 1 : 0;
            return new Prediction(classes.get(best), best, p, values);
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            best = out[from + j] > out[from + best] ? j : best;
        }
        return new Prediction(ClassProbabilities.name(classes, best), best,
                new ClassProbabilities(classes, out, from, k), values);
    }

    /** {@code n} generator samples from standard normal noise drawn with {@code seed} (as {@code netwright predict}). */
    public GeneratedBatch generate(int n, long seed) {
        if (schema.kind() != InputKind.LATENT) {
            throw new InputProblem("$", "only GAN generator models generate samples; this one predicts");
        }
        if (n < 1 || n > 1024) {
            throw new InputProblem("$.n", "between 1 and 1024 samples, got " + n);
        }
        Random random = new Random(seed);
        float[] noise = new float[n * schema.width()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        return new GeneratedBatch(n, schema.outputShape(), model.predict(noise, n), seed);
    }

    @Override
    public void close() {
        model.close();
    }
}
