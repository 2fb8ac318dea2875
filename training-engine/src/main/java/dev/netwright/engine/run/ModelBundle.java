package dev.netwright.engine.run;

import dev.netwright.designer.analysis.Analysis;
import dev.netwright.designer.analysis.DesignAnalyzer;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.summary.SummaryTable;
import dev.netwright.engine.train.config.ClassWeighting;
import dev.netwright.engine.train.config.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saved model directory:
 * <pre>
 *   model.json      manifest: shapes, task, class names, output activation, normalisation ({@link ModelManifest})
 *   design.json     the exact design that was trained (netwright-design/1)
 *   config.json     the training settings
 *   metrics.json    per-epoch history, test evaluation, linear baseline
 *   weights/        DJL parameter file(s) (weights/generator and weights/discriminator for a GAN)
 *   vocabulary.txt  a text model's tokens, one per line, line n (from 0) = token id n (beside model.onnx, which
 *                   takes token ids)
 *   forecast.json   a forecaster's test errors beside the naive baselines, and the test part with the forecast
 *   README.md       model card: architecture table, data, metrics, how it was trained
 * </pre>
 */
public final class ModelBundle {
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    public static final String MANIFEST = "model.json";
    public static final String DESIGN = "design.json";
    static final String CONFIG = "config.json";
    static final String METRICS = "metrics.json";
    public static final String WEIGHTS = "weights";
    static final String EXAMPLE = "example/Predict.java";
    static final String VOCABULARY = "vocabulary.txt";

    private ModelBundle() {
    }

    /** The manifest of a saved model directory. */
    public static ModelManifest readManifest(Path dir) throws IOException {
        return JSON.readValue(Files.readString(dir.resolve(MANIFEST)), ModelManifest.class);
    }

    static void write(Path dir, Design design, ModelManifest manifest, TrainingConfig config,
                      Map<String, Object> metrics, Map<String, Path> weightSources) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(DESIGN), new DesignJson().write(design));
            Files.writeString(dir.resolve(MANIFEST), JSON.writeValueAsString(manifest));
            Files.writeString(dir.resolve(CONFIG), JSON.writeValueAsString(config));
            Files.writeString(dir.resolve(METRICS), JSON.writeValueAsString(metrics));
            for (Map.Entry<String, Path> e : weightSources.entrySet()) {
                Path target = e.getKey().isEmpty() ? dir.resolve(WEIGHTS) : dir.resolve(WEIGHTS).resolve(e.getKey());
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(e.getValue())) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".params")).toList()) {
                        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (!manifest.isGan()) {
                writeExample(dir);
            }
            if (manifest.text() != null) {
                Files.writeString(dir.resolve(VOCABULARY), String.join("\n", manifest.text().vocabulary()) + "\n");
            }
            Files.writeString(dir.resolve("README.md"), modelCard(design, manifest, config, metrics));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model to " + dir, e);
        }
    }

    /** Replaces metrics.json and the model card's figures (a forecaster's errors in the series' units). */
    static void writeMetrics(Path dir, Design design, ModelManifest manifest, TrainingConfig config,
                             Map<String, Object> metrics) {
        try {
            Files.writeString(dir.resolve(METRICS), JSON.writeValueAsString(metrics));
            Files.writeString(dir.resolve("README.md"), modelCard(design, manifest, config, metrics));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the metrics of " + dir, e);
        }
    }

    /** {@code example/Predict.java}: prediction with plain DJL on model.onnx, for users without Netwright. */
    private static void writeExample(Path dir) throws IOException {
        try (java.io.InputStream in = ModelBundle.class.getResourceAsStream("Predict.java.example")) {
            if (in == null) {
                throw new IOException("Predict.java.example is missing from the class path");
            }
            Files.createDirectories(dir.resolve(EXAMPLE).getParent());
            Files.write(dir.resolve(EXAMPLE), in.readAllBytes());
        }
    }

    static Map<String, Object> metrics(Object history, Object evaluation, Object baseline) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("history", history);
        m.put("test", evaluation);
        m.put("baseline", baseline);
        return m;
    }

    private static String modelCard(Design design, ModelManifest manifest, TrainingConfig config,
                                    Map<String, Object> metrics) {
        Analysis analysis = new DesignAnalyzer().analyze(design);
        StringBuilder s = new StringBuilder();
        s.append("# ").append(design.name()).append("\n\n");
        if (!design.description().isBlank()) {
            s.append(design.description()).append("\n\n");
        }
        s.append("A ").append(manifest.isGan() ? "generative adversarial network" : manifest.task().toLowerCase()
                + " model").append(" trained with Netwright on `").append(manifest.dataset()).append("` for ")
                .append(manifest.epochs()).append(" epochs on ").append(manifest.device()).append(".\n\n");
        s.append("## Architecture\n\n```\n").append(SummaryTable.render(analysis)).append("```\n\n");
        s.append("## Data\n\n- input shape: ").append(java.util.Arrays.toString(manifest.inputShape())).append('\n');
        if (!manifest.classNames().isEmpty()) {
            s.append("- classes: ").append(String.join(", ", manifest.classNames())).append('\n');
        }
        s.append("- normalisation: ").append(manifest.normaliser() == null ? "none"
                : manifest.normaliser().contains("kind=IMAGENET") ? "ImageNet mean and standard deviation per channel"
                + " (images resized to the input shape first, values 0 to 1), stored in model.json"
                : "fitted on the training split, stored in model.json").append('\n');
        if (manifest.text() != null) {
            var t = manifest.text();
            s.append("- text: column `").append(t.column()).append("`, ").append(t.level().name().toLowerCase())
                    .append(" tokens, lower-cased; ").append(t.vocabulary().size()).append(" token ids fitted on the "
                    + "training split (0 = padding, 1 = unknown token, then the most frequent first; `")
                    .append(VOCABULARY).append("`, line n = id n); each text padded with id 0 at the ")
                    .append(t.padding().name().toLowerCase()).append(" or cut to its first ")
                    .append(t.length()).append(" tokens. `model.onnx` takes these token ids.\n");
        }
        if (manifest.series() != null) {
            var f = manifest.series();
            s.append("- series: forecasts ").append(f.columns()).append(f.features().isEmpty() ? ""
                    : " with extra inputs " + f.features()).append(", ").append(f.horizon())
                    .append(" steps ahead from a window of ").append(f.window()).append(" steps; splits in time order "
                    + "(the test part is the end of the series); each column standardised with the mean and standard "
                    + "deviation of the training part (in model.json). `model.onnx` takes and returns the scaled "
                    + "values. Test errors beside the naive forecasts: `forecast.json`.\n");
        }
        s.append('\n');
        s.append("## Training\n\n- loss: ").append(config.loss()).append("\n- optimizer: ")
                .append(config.optimizer().kind()).append(", learning rate ").append(config.optimizer().learningRate())
                .append("\n- batch size: ").append(config.batchSize()).append(", seed ").append(config.seed())
                .append('\n');
        if (config.loss().isClassification() && !manifest.isGan()) {
            s.append("- class weights: ").append(config.classWeights() == ClassWeighting.BALANCED
                    ? "balanced (each sample's loss weighted by n / (classes x its class's count) in the training "
                    + "split, so every class counts as much as the others)"
                    : "none (every sample counts the same)").append('\n');
        }
        s.append('\n');
        s.append("## Metrics\n\n```json\n").append(JSON.writeValueAsString(metrics.get("test"))).append("\n```\n\n");
        if (metrics.get("forecast") instanceof dev.netwright.engine.data.series.ForecastReport f) {
            s.append("On the test part (the end of the series), in the series' units:\n\n```\n").append(f.describe())
                    .append("```\n\n");
        }
        if (metrics.get("baseline") != null) {
            s.append("Linear baseline on the same test split:\n\n```json\n")
                    .append(JSON.writeValueAsString(metrics.get("baseline"))).append("\n```\n\n");
        }
        if (!manifest.isGan()) {
            s.append("## Using it without Netwright\n\n`model.onnx` is the network with its weights. "
                    + "`example/Predict.java` predicts with plain DJL (its ONNX Runtime engine; no Netwright code): "
                    + "it applies the normalisation stored in `model.json` and prints the class and probabilities "
                    + "for each line of a CSV of raw inputs:\n\n```\njava -cp \"libs/*\" example/Predict.java . "
                    + "samples.csv\n```\n\nwith `ai.djl:api`, `ai.djl.onnxruntime:onnxruntime-engine` and "
                    + "`com.microsoft.onnxruntime:onnxruntime` in `libs/`. Its results match Netwright's within "
                    + "about 1e-6 (ONNX Runtime and libtorch round differently). The `weights/` files are DJL "
                    + "parameter files of Netwright's network blocks: loading them needs the network rebuilt from "
                    + "`design.json` by Netwright's compiler (`netwright predict`).\n\n");
        }
        s.append("## Limitations\n\nMeasured on one held-out split of one dataset; results on other data can differ. "
                + "Inputs must be preprocessed as described in model.json (the Netwright loader does this).\n");
        return s.toString();
    }
}
