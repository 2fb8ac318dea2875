package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundle's {@code example/Predict.java}, compiled and run in a separate JVM whose class path holds only DJL (api,
 * its ONNX Runtime engine, ONNX Runtime, and what DJL itself needs: Gson, SLF4J) and the bundle's files, predicts the
 * same classes as the platform's {@link TrainedModel} on the same raw inputs, with probabilities equal to within
 * floating-point rounding (ONNX Runtime's kernels and libtorch's add in different orders, so not bit for bit).
 */
class BundleExampleTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @ValueSource(strings = {"mlp-fashion-mnist", "lenet-cnn", "iris-mlp"})
    void plainDjlExamplePredictsLikeTheTrainedModel(String which, @TempDir Path dir) throws Exception {
        boolean iris = which.equals("iris-mlp");
        Design design = iris
                ? DesignBuilder.named("iris mlp").node("in", "Input", "shape", List.of(4))
                .then("hidden", "Dense", "units", 16, "activation", "relu")
                .then("out", "Dense", "units", 3, "activation", "softmax").build()
                : Templates.find(which).orElseThrow().design();
        String dataset = iris ? "iris" : "fashion-mnist";
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-2).epochs(iris ? 10 : 1).batchSize(32).seed(3)
                .validationFraction(0).build();
        Path model = dir.resolve("model");
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Builtin(dataset,
                iris ? 0 : 300), config), new RunListener() {
                }, model, new CancellationFlag());
        assertThat(outcome.modelDir()).isPresent();
        assertThat(model.resolve("example/Predict.java")).exists();
        assertThat(model.resolve("model.onnx")).exists();
        assertThat(Files.readString(model.resolve("README.md"))).contains("example/Predict.java");

        ArrayDataset test = BuiltinCatalog.standard().load(dataset, new LoadOptions(3, 0)).test();
        int n = Math.min(25, test.size());
        StringBuilder csv = new StringBuilder();
        float[] rows = new float[n * test.sampleSize()];
        for (int i = 0; i < n; i++) {
            float[] s = test.sample(i);
            System.arraycopy(s, 0, rows, i * s.length, s.length);
            for (int j = 0; j < s.length; j++) {
                csv.append(j == 0 ? "" : ",").append(s[j]);
            }
            csv.append('\n');
        }
        Path samples = dir.resolve("samples.csv");
        Files.writeString(samples, csv);

        List<String> lines = runExample(model, samples, dir);
        assertThat(lines).hasSize(n);

        try (TrainedModel platform = TrainedModel.load(model)) {
            float[] expected = platform.predict(rows, n);
            int k = expected.length / n;
            List<String> names = platform.manifest().classNames();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                String[] parts = lines.get(i).split(",");
                assertThat(parts).hasSize(k + 1);
                assertThat(parts[0]).as("sample %d", i).isEqualTo(names.get(TrainedModel.argmax(expected, i * k, k)));
                for (int j = 0; j < k; j++) {
                    worst = Math.max(worst, Math.abs(Float.parseFloat(parts[j + 1]) - expected[i * k + j]));
                }
            }
            System.out.printf(Locale.ROOT, "%s: plain-DJL example vs TrainedModel on %d samples, worst |diff| %.2e%n",
                    which, n, worst);
            assertThat(worst).isLessThan(TOLERANCE);
        }
    }

    /** Compiles the bundle's example against DJL alone, runs it on {@code samples} and returns its output lines. */
    private static List<String> runExample(Path model, Path samples, Path dir) throws Exception {
        List<String> djlOnly = djlOnlyClassPath();
        assertThat(djlOnly).noneMatch(p -> p.contains("netwright"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                String.join(File.pathSeparator, djlOnly), model.resolve("example/Predict.java").toString());
        assertThat(compiled).as("example/Predict.java compiles against DJL alone").isZero();

        List<String> cp = new ArrayList<>(djlOnly);
        cp.add(classes.toString());
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(File.pathSeparator, cp), "Predict", model.toString(), samples.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String out = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
        return out.lines().toList();
    }

    /**
     * A text model's example tokenises raw text as training did and predicts the platform's classes; a forecaster's
     * scales a raw window and answers in the series' units.
     */
    @org.junit.jupiter.api.Test
    void textAndSeriesExamplesPredictLikeTheTrainedModel(@TempDir Path dir) throws Exception {
        Path reviews = dev.netwright.engine.SequenceFixtures.reviews(dir.resolve("reviews.csv"), 300, 8);
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 3e-3).epochs(2).batchSize(32).seed(3).validationFraction(0).build();
        Path textModel = dir.resolve("text");
        new TrainingRun().execute(new RunRequest(Templates.find("lstm-text-classifier").orElseThrow().design(),
                new DatasetSpec.Table(reviews, "label", ArrayDataset.Task.CLASSIFICATION, false), config),
                RunListener.NONE, textModel, new CancellationFlag());
        List<String> texts = List.of("I LOVE it, excellent!", "awful... broken, the worst", "unseen zebra words 3.5");
        Path sentences = dir.resolve("sentences.txt");
        Files.writeString(sentences, String.join("\n", texts) + "\n");
        List<String> lines = runExample(textModel, sentences, Files.createDirectories(dir.resolve("t")));
        assertThat(lines).hasSize(3);
        try (TrainedModel platform = TrainedModel.load(textModel)) {
            float[] expected = platform.predictTexts(texts);
            for (int i = 0; i < 3; i++) {
                String[] parts = lines.get(i).split(",");
                assertThat(parts[0]).isEqualTo(platform.manifest().classNames().get(
                        TrainedModel.argmax(expected, i * 2, 2)));
                assertThat(Float.parseFloat(parts[1])).isCloseTo(expected[i * 2], org.assertj.core.api.Assertions
                        .within((float) TOLERANCE));
            }
        }

        Path sales = dev.netwright.engine.SequenceFixtures.series(dir.resolve("sales.csv"), 200, 12, 8);
        Path forecaster = dir.resolve("forecaster");
        new TrainingRun().execute(new RunRequest(Templates.find("lstm-forecaster").orElseThrow().design(),
                new DatasetSpec.Series(sales, new dev.netwright.engine.data.series.SeriesSettings(List.of("sales"),
                        List.of(), null, null, null, 0)), config.toBuilder().loss(LossKind.MSE).build()),
                RunListener.NONE, forecaster, new CancellationFlag());
        float[] window = new float[24];
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < 24; t++) {
            window[t] = (float) (100 + 20 * Math.sin(2 * Math.PI * t / 12));
            line.append(t == 0 ? "" : ",").append(window[t]);
        }
        Path windows = dir.resolve("window.csv");
        Files.writeString(windows, line + "\n");
        List<String> forecast = runExample(forecaster, windows, Files.createDirectories(dir.resolve("s")));
        try (TrainedModel platform = TrainedModel.load(forecaster)) {
            float[] expected = platform.predict(window, 1);
            String[] parts = forecast.getFirst().split(",");
            assertThat(parts).hasSize(6);
            for (int h = 0; h < 6; h++) {
                assertThat(Float.parseFloat(parts[h])).isCloseTo(expected[h], org.assertj.core.api.Assertions
                        .within(1e-3f));
            }
        }
    }

    /** The jars of DJL's API, its ONNX Runtime engine, ONNX Runtime and DJL's own dependencies; nothing else. */
    private static List<String> djlOnlyClassPath() throws Exception {
        List<String> jars = new ArrayList<>();
        for (String type : List.of("ai.djl.repository.zoo.Criteria", "ai.djl.onnxruntime.engine.OrtEngine",
                "ai.onnxruntime.OrtEnvironment", "com.google.gson.Gson", "org.slf4j.Logger",
                "org.apache.commons.compress.archivers.ArchiveEntry")) {
            try {
                jars.add(Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString());
            } catch (ClassNotFoundException e) {
                // optional dependency of DJL not on this class path: the example does not need it
            }
        }
        return jars.stream().distinct().toList();
    }
}
