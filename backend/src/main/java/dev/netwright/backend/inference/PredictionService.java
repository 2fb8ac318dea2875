package dev.netwright.backend.inference;

import dev.netwright.backend.api.ApiException;
import dev.netwright.backend.api.FieldProblem;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.dataset.Csv;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.security.AppUser;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.predict.GeneratedBatch;
import dev.netwright.engine.predict.InputProblem;
import dev.netwright.engine.predict.InputSchema;
import dev.netwright.engine.predict.NumberSamples;
import dev.netwright.engine.predict.Prediction;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.render.SampleImages;
import java.io.IOException;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Predictions with the trained model of a succeeded run (the model id is the run id): members of the run's workspace
 * only, viewers included; everyone else gets 404. Inputs are encoded and normalised exactly as in training by the
 * engine's {@link Predictor}; models stay loaded in the {@link ModelCache}.
 */
@Service
public class PredictionService {
    private static final Logger log = LoggerFactory.getLogger(PredictionService.class);
    /** Rows per forward pass for CSV files: bounded native memory whatever the file's length. */
    private static final int CSV_CHUNK = 512;
    public static final int MAX_CSV_ROWS = 1_000_000;
    /**
     * How much of a CSV file's rows the check before the answer keeps for writing it (as {@link KeptRow} estimates):
     * about what one JSON request of the default max-prediction-rows holds (10,000 samples of 784 values, 31 MB), so
     * most files are read and parsed once; a larger file is read again for the answer rather than held.
     */
    static final long CSV_KEEP_BYTES = 32L << 20;
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_UP);
    private final ArtifactStore artifacts;
    private final ModelCache cache;
    private final ResourceLimits limits;
    private final ModelAccess access;

    PredictionService(ArtifactStore artifacts, ModelCache cache, ResourceLimits limits, ModelAccess access) {
        this.access = access;
        this.limits = limits;
        this.artifacts = artifacts;
        this.cache = cache;
    }

    /** One request's samples within the platform's cap (a forward pass holds them all in native memory at once). */
    private void requireBatch(String where, int samples) {
        if (samples > limits.maxPredictionRows()) {
            throw ApiException.badRequest(where + ": " + samples + " samples; at most " + limits.maxPredictionRows()
                    + " per request (netwright.limits.max-prediction-rows)");
        }
    }

    /** What the model takes and gives. */
    public ModelViews.Model describe(AppUser user, UUID modelId) {
        ModelAccess.Described run = access.describe(user, modelId);
        return withModel(modelId, run.checked(), p -> ModelViews.Model.of(modelId, run.projectId(), run.designName(),
                run.designVersion(), p.schema(), p.manifest()));
    }

    /** Predictions for a JSON body {@code {"inputs": [...]}} or {@code {"input": ...}}. */
    public ModelViews.Predictions predict(AppUser user, UUID modelId, JsonNode body) {
        ModelAccess.Checked checked = access.require(user, modelId);
        if (body != null && body.path("inputs").isArray()) {
            requireBatch("$.inputs", body.get("inputs").size());
        }
        return withModel(modelId, checked, p -> timedPredictions(modelId, p, checked(() -> p.readBody(body))));
    }

    /**
     * Predictions for a body as the API reads it: plain number samples go to the model without a JSON tree when the
     * model takes them as they stand; anything else is read from the tree as {@link #predict(AppUser, UUID, JsonNode)}
     * reads it, with the same answers and the same errors.
     */
    ModelViews.Predictions predict(AppUser user, UUID modelId, PredictionBody body) {
        if (body.numbers().isEmpty()) {
            return predict(user, modelId, body.tree());
        }
        NumberSamples numbers = body.numbers().get();
        ModelAccess.Checked checked = access.require(user, modelId);
        if (numbers.batch()) {
            requireBatch("$.inputs", numbers.samples().size());
        }
        return withModel(modelId, checked, p -> {
            List<float[]> rows = checked(() -> p.readBody(numbers).orElseGet(() -> p.readBody(body.tree())));
            return timedPredictions(modelId, p, rows);
        });
    }

    /** The predictions for {@code rows} with the forward pass's time (the {@code millis} the API reports). */
    private static ModelViews.Predictions timedPredictions(UUID modelId, Predictor p, List<float[]> rows) {
        long start = System.nanoTime();
        List<Prediction> out = checked(() -> p.predict(rows));
        double millis = (System.nanoTime() - start) / 1e6;
        return new ModelViews.Predictions(modelId, p.schema().task(), out.stream().map(ModelViews.Answer::of).toList(),
                millis);
    }

    /** Raw rows straight to the model, for callers that already hold encoded samples (benchmarks, the UI pad). */
    public List<Prediction> predictRows(AppUser user, UUID modelId, List<float[]> rows) {
        ModelAccess.Checked checked = access.require(user, modelId);
        requireBatch("$.inputs", rows.size());
        return withModel(modelId, checked, p -> {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).length != p.schema().width()) {
                    throw badInput(new InputProblem("$.inputs[" + i + "]", rows.get(i).length + " values, the model "
                            + "takes " + p.schema().width()));
                }
            }
            return checked(() -> p.predict(rows));
        });
    }

    /** {@link #predictRows} as the API answers them: label and class probabilities, or values. */
    public List<ModelViews.Answer> answerRows(AppUser user, UUID modelId, List<float[]> rows) {
        return predictRows(user, modelId, rows).stream().map(ModelViews.Answer::of).toList();
    }

    /** Where {@link #predictCsv} writes; opened only after every row of the file has been read without a problem. */
    @FunctionalInterface
    public interface CsvOutput {
        OutputStream open() throws IOException;
    }

    /**
     * The uploaded CSV (header line first) with the predictions appended to each row: {@code predicted} and one
     * {@code p(class)} column per class for classifiers, {@code predicted} (or {@code predicted_1..k}) for values.
     * The answer is streamed, {@value #CSV_CHUNK} rows per forward pass. The whole file is read and checked before
     * the answer starts, so that a bad row late in the file is still a clean 400 rather than a cut-off answer; its
     * rows are kept from that reading when they fit {@link #CSV_KEEP_BYTES}, and a larger file is read a second time.
     */
    public void predictCsv(AppUser user, UUID modelId, InputStreamSource csv, char separator, CsvOutput output) {
        predictCsv(user, modelId, csv, separator, output, CSV_KEEP_BYTES);
    }

    /** {@link #predictCsv} keeping at most {@code keepBytes} of rows from the first reading (tests try both ways). */
    void predictCsv(AppUser user, UUID modelId, InputStreamSource csv, char separator, CsvOutput output,
                    long keepBytes) {
        ModelAccess.Checked checked = access.require(user, modelId);
        withModel(modelId, checked, p -> {
            KeptRows kept = new KeptRows(keepBytes);
            readCsv(csv, separator, c -> checked(() -> readRows(p, c, kept)));
            if (kept.complete()) {
                writeAnswer(p, separator, output, kept::replay);
            } else {
                readCsv(csv, separator, c -> writeAnswer(p, separator, output, answer -> readRows(p, c, answer)));
            }
            return null;
        });
    }

    private static void readCsv(InputStreamSource csv, char separator, Consumer<Csv> use) {
        try (Reader reader = new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            use.accept(new Csv(reader, separator));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the file is not UTF-8 text");
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the CSV file: " + e.getMessage());
        }
    }

    /** Opens the output and writes the answer of the rows {@code fill} gives it. */
    private static void writeAnswer(Predictor p, char sep, CsvOutput output, Consumer<CsvRows> fill) {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(output.open(), StandardCharsets.UTF_8),
                64 * 1024)) {
            Answer answer = new Answer(p, out, sep);
            checked(() -> {
                fill.accept(answer);
                answer.finish();
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away while the answer was written
        }
    }

    /** What a reading of the file does with its header and each row once the row is encoded for the model. */
    private interface CsvRows {
        void header(List<String> header);

        void row(List<String> cells, float[] values);
    }

    /** Reads the header and every row, encoding each for the model (a bad one is an {@link InputProblem}). */
    private static int readRows(Predictor p, Csv csv, CsvRows rows) {
        try {
            List<String> header = csv.next();
            if (header == null) {
                throw new InputProblem("line 1", "the file is empty; it needs a header line and rows");
            }
            rows.header(header);
            int count = 0;
            for (List<String> cells; ; ) {
                long lineNo = csv.line();
                cells = csv.next();
                if (cells == null) {
                    break;
                }
                if (cells.size() == 1 && cells.getFirst().isBlank()) {
                    continue;
                }
                if (++count > MAX_CSV_ROWS) {
                    throw new InputProblem("line " + lineNo, "more than " + MAX_CSV_ROWS + " rows; split the file");
                }
                rows.row(cells, p.readCsvRow(header, cells, lineNo));
            }
            if (count == 0) {
                throw new InputProblem("line 2", "the file has a header but no rows");
            }
            return count;
        } catch (IOException e) {
            throw new InputProblem("file", e.getMessage());
        }
    }

    /**
     * The first reading's rows while they fit the bound; past it they are dropped and the answer reads the file
     * again. Each row is kept as one string of its cells with where each ends: one object per row instead of one per
     * cell (a file of short cells would spend about 50 bytes per cell on string objects).
     */
    private static final class KeptRows implements CsvRows {
        private final long bound;
        private List<String> header;
        private List<KeptRow> rows = new ArrayList<>();
        private long bytes;

        KeptRows(long bound) {
            this.bound = bound;
        }

        @Override
        public void header(List<String> header) {
            this.header = header;
        }

        @Override
        public void row(List<String> cells, float[] values) {
            if (rows == null) {
                return;
            }
            KeptRow row = KeptRow.of(cells, values);
            bytes += row.estimatedBytes();
            if (bytes > bound) {
                rows = null;
            } else {
                rows.add(row);
            }
        }

        /** Whether every row of the file is kept. */
        boolean complete() {
            return rows != null;
        }

        void replay(CsvRows to) {
            to.header(header);
            rows.forEach(r -> to.row(r.cells(), r.values()));
        }
    }

    /** One kept row: its cells joined, the end of each cell in {@code text}, and its values for the model. */
    private record KeptRow(String text, int[] ends, float[] values) {
        static KeptRow of(List<String> cells, float[] values) {
            StringBuilder text = new StringBuilder();
            int[] ends = new int[cells.size()];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = text.append(cells.get(i)).length();
            }
            return new KeptRow(text.toString(), ends, values);
        }

        List<String> cells() {
            List<String> cells = new ArrayList<>(ends.length);
            for (int i = 0, start = 0; i < ends.length; start = ends[i++]) {
                cells.add(text.substring(start, ends[i]));
            }
            return cells;
        }

        /** Two bytes a character (text that is not Latin-1), four a cell end and a value, and the objects' headers. */
        long estimatedBytes() {
            return 2L * text.length() + 4L * ends.length + 4L * values.length + 64;
        }
    }

    /** The answer: the header with the prediction columns, then each row with its predictions appended. */
    private static final class Answer implements CsvRows {
        private final Predictor p;
        private final Writer out;
        private final char sep;
        private final List<List<String>> pending = new ArrayList<>();
        private final List<float[]> rows = new ArrayList<>();

        Answer(Predictor p, Writer out, char sep) {
            this.p = p;
            this.out = out;
            this.sep = sep;
        }

        @Override
        public void header(List<String> header) {
            InputSchema s = p.schema();
            List<String> extra = new ArrayList<>();
            if (s.classifier()) {
                extra.add("predicted");
                s.classNames().forEach(c -> extra.add("p(" + c + ")"));
            } else {
                long k = java.util.Arrays.stream(s.outputShape()).reduce(1, (a, b) -> a * b);
                for (int j = 1; j <= k; j++) {
                    extra.add(k == 1 ? "predicted" : "predicted_" + j);
                }
            }
            line(out, header, extra, sep);
        }

        @Override
        public void row(List<String> cells, float[] values) {
            pending.add(cells);
            rows.add(values);
            if (rows.size() == CSV_CHUNK) {
                flush();
            }
        }

        void finish() {
            flush();
        }

        private void flush() {
            if (rows.isEmpty()) {
                return;
            }
            List<Prediction> answers = p.predict(rows);
            for (int i = 0; i < answers.size(); i++) {
                Prediction a = answers.get(i);
                List<String> extra = new ArrayList<>();
                if (a.label() != null) {
                    extra.add(a.label());
                    a.probabilities().values().forEach(v -> extra.add(number(v)));
                } else {
                    a.values().forEach(v -> extra.add(number(v)));
                }
                line(out, pending.get(i), extra, sep);
            }
            pending.clear();
            rows.clear();
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.6g", v)}, which took about three times as long (a {@code Formatter} per
     * number): Java's {@code %g} rounds the shortest decimal of {@code v} (the digits of {@link Double#toString}) half
     * up to six significant digits, then writes it plainly when its exponent is in [-4, 6) and as d.ddddde±XX
     * otherwise, trailing zeros kept.
     */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v); // NaN, Infinity, -Infinity as %g writes them
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.00000" : "0.00000";
        }
        BigDecimal d = BigDecimal.valueOf(v).round(SIX_DIGITS);
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return d.setScale(5 - exponent).toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        StringBuilder s = new StringBuilder(13);
        if (v < 0) {
            s.append('-');
        }
        s.append(digits.charAt(0)).append('.').append(digits, 1, digits.length());
        s.repeat('0', 6 - digits.length());
        s.append(exponent < 0 ? "e-" : "e+");
        if (Math.abs(exponent) < 10) {
            s.append('0');
        }
        return s.append(Math.abs(exponent)).toString();
    }

    /** One line of the answer; a failed write (the client went away) ends the answer, it is not a bad input. */
    private static void line(Writer out, List<String> cells, List<String> extra, char sep) {
        try {
            writeLine(out, cells, extra, sep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLine(Writer out, List<String> cells, List<String> extra, char sep) throws IOException {
        List<String> all = new ArrayList<>(cells);
        all.addAll(extra);
        for (int i = 0; i < all.size(); i++) {
            String c = CsvCells.safe(all.get(i));
            if (i > 0) {
                out.write(sep);
            }
            if (c.indexOf(sep) >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.write('"');
                out.write(c.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(c);
            }
        }
        out.write("\r\n");
    }

    /** {@code n} samples from a GAN generator's noise seeded with {@code seed}. */
    public ModelViews.Generated generate(AppUser user, UUID modelId, int n, long seed) {
        ModelAccess.Checked checked = access.require(user, modelId);
        requireBatch("'n'", n);
        return withModel(modelId, checked, p -> {
            GeneratedBatch batch = checked(() -> p.generate(n, seed));
            List<float[]> samples = new ArrayList<>();
            for (int i = 0; i < batch.count(); i++) {
                samples.add(batch.sample(i));
            }
            long[] shape = batch.shape();
            String image = null;
            if (shape.length == 3) {
                // the generators end in tanh: samples lie in [-1, 1]
                byte[] png = SampleImages.imageGrid(batch.values(), n, (int) shape[0], (int) shape[1],
                        (int) shape[2], -1f, 1f, (int) Math.ceil(Math.sqrt(n)), 2);
                image = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
            }
            return new ModelViews.Generated(modelId, seed, batch.count(), shape, samples, image);
        });
    }

    /**
     * Runs {@code use} with the loaded model of run {@code runId}, which the caller checked with {@link ModelAccess}.
     * A cached model needs nothing more; only a model not loaded yet is read from its artifact, compiled from the
     * design the server stored for the run and loaded.
     */
    private <T> T withModel(UUID runId, ModelAccess.Checked run, Function<Predictor, T> use) {
        if (run.status() != RunStatus.SUCCEEDED) {
            throw ApiException.conflict("run " + runId + " is " + run.status().name().toLowerCase()
                    + "; only a succeeded run has a trained model");
        }
        String sha256 = run.sha256().orElseThrow(() -> ApiException.notFound("trained model of run " + runId));
        try (ModelCache.Lease lease = cache.cached(runId, sha256).orElseGet(() -> load(runId))) {
            return use.apply(lease.predictor());
        } catch (IllegalArgumentException e) {
            // the stored bundle does not load (an unsupported format or design): nothing the caller can fix
            log.error("Model of run {} cannot be used: {}", runId, e.getMessage());
            throw ApiException.conflict("the stored model of run " + runId + " cannot be loaded: "
                    + e.getMessage());
        }
    }

    /** Loads the model of a run into the cache from its artifact (only the loading needs the artifact's file). */
    private ModelCache.Lease load(UUID runId) {
        ArtifactStore.Artifact artifact = artifacts.find(runId)
                .orElseThrow(() -> ApiException.notFound("trained model of run " + runId));
        try (dev.netwright.backend.storage.ObjectStorage.LocalFile zip = artifacts.localFile(artifact)) {
            return cache.lease(runId, artifact, zip.path(), artifacts.trainedDesign(runId));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the model of run " + runId + ": " + e.getMessage(),
                    e);
        }
    }

    private static <T> T checked(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InputProblem e) {
            throw badInput(e);
        }
    }

    private static ApiException badInput(InputProblem e) {
        return ApiException.badRequest(e.getMessage(),
                Map.of("errors", List.of(new FieldProblem(e.path(), e.reason()))));
    }
}
