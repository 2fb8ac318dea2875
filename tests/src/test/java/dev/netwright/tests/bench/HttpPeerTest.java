package dev.netwright.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netwright.designer.template.Templates;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.predict.Prediction;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.NormalisationChoice;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API benchmark's PyTorch peer serves the model Netwright serves: for a tiny trained MLP with standardised inputs,
 * its JSON and CSV answers name the same classes as Netwright's {@link Predictor} (what the prediction service runs),
 * so the benchmark compares like with like. Needs Debian's python3-torch; skipped without it.
 */
class HttpPeerTest {
    private static final int SAMPLES = 32;

    @Test
    void peerAnswersWithNetwrightsLabelsForJsonAndCsv(@TempDir Path dir) throws Exception {
        assumeTrue(pythonHasTorch(), "/usr/bin/python3 with python3-torch is needed");
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-3).epochs(1).batchSize(64).seed(1).validationFraction(0).build();
        // standardised inputs (the benchmark's image models have none), so that the peer must apply model.json's
        // normalisation as Netwright does to give the same answers
        RunOutcome outcome = new TrainingRun().execute(new RunRequest(Templates.find("mlp-fashion-mnist")
                .orElseThrow().design(), new DatasetSpec.Builtin("fashion-mnist", 512), config,
                NormalisationChoice.STANDARDISE, Optional.empty(), java.util.Set.of()), new RunListener() {
                }, dir, new CancellationFlag());
        assertThat(outcome.modelDir()).isPresent();
        ArrayDataset test = BuiltinCatalog.standard().load("fashion-mnist", new LoadOptions(1, 256)).test();

        List<float[]> rows = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            rows.add(test.sample(i));
            inputs.add(test.sample(i)); // flat: the API takes a sample's values in one list too
        }
        List<String> expected;
        try (Predictor predictor = Predictor.load(dir)) {
            expected = predictor.predict(rows).stream().map(Prediction::label).toList();
        }

        Optional<HttpPeer> started = HttpPeer.start(dir, 1);
        assertThat(started).as("the peer starts").isPresent();
        try (HttpPeer peer = started.get()) {
            PredictionClient client = new PredictionClient(peer.base(), "m", "Bearer none");
            byte[] answer = client.json(JsonMapper.builder().build().writeValueAsBytes(Map.of("inputs", inputs)));
            assertThat(PredictionClient.labels(answer)).isEqualTo(expected);
            byte[] csv = client.csv(PredictionClient.CsvUpload.of("x.csv", ApiBenchmark.csvFile(test, SAMPLES)));
            assertThat(PredictionClient.predictedColumn(csv)).isEqualTo(expected);
            String header = new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertThat(header).startsWith("pixel1,pixel2,").endsWith(",predicted,p(T-shirt/top),p(Trouser),"
                    + "p(Pullover),p(Dress),p(Coat),p(Sandal),p(Shirt),p(Sneaker),p(Bag),p(Ankle boot)");
        }
    }

    private static boolean pythonHasTorch() throws Exception {
        if (!java.nio.file.Files.isExecutable(HttpPeer.PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(HttpPeer.PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true)
                .start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
