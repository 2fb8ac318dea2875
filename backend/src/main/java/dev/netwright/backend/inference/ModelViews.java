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
     * @param inputKind  IMAGE, TABLE, TOKENS, SEQUENCE, VECTOR or LATENT (GAN generator)
     */
    public record Model(UUID id, UUID projectId, String name, int designVersion, String dataset, String task,
                       String inputKind, long[] inputShape, long[] outputShape, List<Column> columns,
                       Integer vocabSize, List<String> classes, String normalisation) {
        static Model of(UUID id, UUID projectId, String name, int version, InputSchema s, String dataset,
                        String normaliser) {
            return new Model(id, projectId, name, version, dataset, s.task(), s.kind().name(), s.shape(),
                    s.outputShape(), s.columns().isEmpty() ? null : s.columns().stream().map(Column::of).toList(),
                    s.vocabSize() > 0 ? s.vocabSize() : null, s.classNames().isEmpty() ? null : s.classNames(),
                    normaliser == null ? "none" : normaliser.contains("MIN_MAX") ? "min-max" : "standardise");
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
