package dev.netwright.backend.inference;

import dev.netwright.engine.data.tabular.ColumnEncoding;
import dev.netwright.engine.predict.InputSchema;
import dev.netwright.engine.predict.Prediction;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON answers of the model endpoints. */
public final class ModelViews {
    private ModelViews() {
    }

    /** A column of a table model's input form. */
    public record Column(String name, String kind, List<String> categories, boolean optional) {
        static Column of(ColumnEncoding c) {
            return new Column(c.name(), c.kind().name(), c.kind() == ColumnEncoding.Kind.NUMERIC ? null : c.categories(),
                    c.fill() != null);
        }
    }

    /**
     * What a model takes and gives.
     *
     * @param id         the model id (the id of the run that trained it)
     * @param inputKind  IMAGE, TABLE, TOKENS, TEXT (raw text), SERIES (a forecaster's window), SEQUENCE, VECTOR or
     *                   LATENT (GAN generator)
     * @param textColumn the column a text model was trained on (null for other models)
     * @param series     a forecaster's series columns, in the order its outputs cycle through (null otherwise)
     * @param horizon    a forecaster's steps ahead (null otherwise)
     */
    public record Model(UUID id, UUID projectId, String name, int designVersion, String dataset, String task,
                       String inputKind, long[] inputShape, long[] outputShape, List<Column> columns,
                       Integer vocabSize, List<String> classes, String normalisation, String textColumn,
                       List<String> series, Integer horizon) {
        static Model of(UUID id, UUID projectId, String name, int version, InputSchema s,
                        dev.netwright.engine.run.ModelManifest manifest) {
            String normaliser = manifest.normaliser();
            var forecast = manifest.series();
            return new Model(id, projectId, name, version, manifest.dataset(), s.task(), s.kind().name(), s.shape(),
                    s.outputShape(), s.columns().isEmpty() ? null : s.columns().stream().map(Column::of).toList(),
                    s.vocabSize() > 0 ? s.vocabSize() : null, s.classNames().isEmpty() ? null : s.classNames(),
                    forecast != null ? "standardise (per column, training part)"
                            : normaliser == null ? "none" : normaliser.contains("MIN_MAX") ? "min-max" : "standardise",
                    manifest.text() == null ? null : manifest.text().column(),
                    forecast == null ? null : forecast.columns(), forecast == null ? null : forecast.horizon());
        }
    }

    /** One sample's answer: label and probabilities for classifiers, values for regression. */
    public record Answer(String label, Integer classIndex, Map<String, Double> probabilities, List<Double> values) {
        static Answer of(Prediction p) {
            return p.label() == null ? new Answer(null, null, null, p.values())
                    : new Answer(p.label(), p.classIndex(), p.probabilities(), null);
        }
    }

    public record Predictions(UUID model, String task, List<Answer> predictions, double millis) {
    }

    /**
     * Generator samples.
     *
     * @param samples one flat row-major array per sample
     * @param image   for image samples, a PNG grid of all of them as a data URL
     */
    public record Generated(UUID model, long seed, int count, long[] shape, List<float[]> samples, String image) {
    }
}
