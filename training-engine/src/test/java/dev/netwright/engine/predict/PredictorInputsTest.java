package dev.netwright.engine.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Token and sequence models take their inputs in every documented form, and refuse bad ones naming the place. */
class PredictorInputsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path train(Design design, String dataset, Path dir) throws Exception {
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-2).epochs(1).batchSize(32).seed(2).validationFraction(0).build();
        new TrainingRun().execute(new RunRequest(design, new DatasetSpec.Builtin(dataset, 96), config),
                new RunListener() {
                }, dir, new CancellationFlag());
        return dir;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void tokenModelTakesIdsOrTextOfIdsWithinItsVocabulary(@TempDir Path dir) throws Exception {
        Design design = DesignBuilder.named("tokens").node("in", "Input", "shape", List.of(32))
                .then("emb", "Embedding", "vocabSize", 64, "dim", 8)
                .then("pool", "SequencePool", "mode", "mean")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
        try (Predictor p = Predictor.load(train(design, "token-sequences", dir))) {
            assertThat(p.schema().kind()).isEqualTo(InputKind.TOKENS);
            assertThat(p.schema().vocabSize()).isEqualTo(64);
            List<Integer> ids = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                ids.add(i % 5 == 0 ? 1 : 3 + i);
                text.append(ids.getLast()).append(i % 2 == 0 ? " " : ", ");
            }
            Prediction fromIds = p.predict(p.readBody(json("{\"input\":" + ids + "}"))).getFirst();
            Prediction fromText = p.predict(p.readBody(json("{\"input\":\"" + text + "\"}"))).getFirst();
            assertThat(fromText).isEqualTo(fromIds);
            assertThat(fromIds.probabilities()).containsOnlyKeys("more A", "more B");

            assertThatThrownBy(() -> p.readBody(json("{\"input\":\"1 2 3\"}"))).isInstanceOf(InputProblem.class)
                    .hasMessage("$.input: 3 tokens, but the model reads sequences of exactly 32");
            List<Integer> outside = new ArrayList<>(ids);
            outside.set(5, 64);
            assertThatThrownBy(() -> p.readBody(json("{\"inputs\":[" + ids + "," + outside + "]}")))
                    .isInstanceOf(InputProblem.class).hasMessageStartingWith("$.inputs[1][5]: 64.0 is not a token id");
            assertThatThrownBy(() -> p.readBody(json("{\"input\":\"" + text.toString().replaceFirst("1", "A")
                    + "\"}"))).isInstanceOf(InputProblem.class).hasMessageContaining("$.input[0]: 'A' is not a token id");
        }
    }

    @Test
    void sequenceModelTakesNestedOrFlatNumbers(@TempDir Path dir) throws Exception {
        Design design = DesignBuilder.named("sines").node("in", "Input", "shape", List.of(50, 1))
                .then("flat", "Flatten")
                .then("out", "Dense", "units", 4, "activation", "softmax").build();
        try (Predictor p = Predictor.load(train(design, "sine-sequences", dir))) {
            assertThat(p.schema().kind()).isEqualTo(InputKind.SEQUENCE);
            List<List<Double>> nested = new ArrayList<>();
            List<Double> flat = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                double v = Math.sin(2 * Math.PI * 2 * t / 50.0);
                nested.add(List.of(v));
                flat.add(v);
            }
            Prediction a = p.predict(p.readBody(json(JSON.writeValueAsString(java.util.Map.of("input", nested)))))
                    .getFirst();
            Prediction b = p.predict(p.readBody(json(JSON.writeValueAsString(java.util.Map.of("input", flat)))))
                    .getFirst();
            assertThat(a).isEqualTo(b);
            assertThat(a.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            nested.set(3, List.of(0.1, 0.2));
            assertThatThrownBy(() -> p.readBody(json(JSON.writeValueAsString(java.util.Map.of("input", nested)))))
                    .isInstanceOf(InputProblem.class)
                    .hasMessageStartingWith("$.input[3]: expected 1 entries at this level");
            assertThatThrownBy(() -> p.generate(4, 1)).isInstanceOf(InputProblem.class)
                    .hasMessageContaining("only GAN generator models");
        }
    }
}
