package dev.netwright.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.data.prep.Normaliser;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictions write their samples straight into a pooled input buffer, normalised on the way: the outputs equal those
 * of rows normalised beforehand by the training normaliser (same float operations, so exactly), whether the samples
 * come as one array or one array each, and concurrent calls never share a buffer.
 */
class PredictionInputTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void train() throws Exception {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.ADAM, 1e-2).epochs(1).batchSize(32)
                .seed(5).build();
        new TrainingRun().execute(new RunRequest(DesignBuilder.named("mlp").node("in", "Input", "shape", List.of(30))
                        .then("hidden", "Dense", "units", 16, "activation", "relu")
                        .then("out", "Dense", "units", 2, "activation", "softmax").build(),
                new DatasetSpec.Builtin("breast-cancer", 0), config), RunListener.NONE, dir, new CancellationFlag());
    }

    private static List<float[]> rows(int n, long seed) {
        Random random = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] row = new float[30];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * 50 + 20);
            }
            rows.add(row);
        }
        return rows;
    }

    private static float[] flat(List<float[]> rows) {
        float[] all = new float[rows.size() * 30];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * 30, 30);
        }
        return all;
    }

    @Test
    void rowsAreNormalisedExactlyAsTrainingNormalises() {
        try (TrainedModel model = TrainedModel.load(dir)) {
            Normaliser normaliser = Normaliser.fromText(model.manifest().normaliser());
            for (int n : new int[] {1, 7, 64}) {
                List<float[]> rows = rows(n, n);
                List<float[]> normalised = rows.stream().map(normaliser::apply).toList();
                float[] expected = model.predictNormalised(flat(normalised), n);
                assertThat(model.predict(flat(rows), n)).containsExactly(expected);
                assertThat(model.predict(rows)).containsExactly(expected);
            }
        }
    }

    @Test
    void concurrentCallsGetTheirOwnBuffers() throws Exception {
        try (TrainedModel model = TrainedModel.load(dir)) {
            List<List<float[]>> inputs = new ArrayList<>();
            List<float[]> expected = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                inputs.add(rows(5 + 20 * t, 100 + t));
                expected.add(model.predict(inputs.get(t)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int which = t;
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            if (!java.util.Arrays.equals(model.predict(inputs.get(which)), expected.get(which))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void samplesOfTheWrongSizeAreRefused() {
        try (TrainedModel model = TrainedModel.load(dir)) {
            assertThatThrownBy(() -> model.predict(List.of(new float[30], new float[29])))
                    .hasMessageContaining("sample 1 has 29 values, sample 0 30");
            assertThatThrownBy(() -> model.predict(List.of(new float[29])))
                    .hasMessageContaining("each sample needs 30 values, got 29");
        }
    }

    @Test
    void thePoolReusesBuffersAndKeepsNoLargeOnes() {
        InputBuffers buffers = new InputBuffers();
        ByteBuffer first = buffers.take(4000);
        assertThat(first.capacity()).isGreaterThanOrEqualTo(4000);
        assertThat(first.limit()).isEqualTo(4000);
        assertThat(first.isDirect()).isTrue();
        buffers.give(first);
        assertThat(buffers.idleBytes()).isEqualTo(first.capacity());
        ByteBuffer again = buffers.take(1200);
        assertThat(again).isSameAs(first);
        assertThat(again.limit()).isEqualTo(1200);
        assertThat(buffers.idleBytes()).isZero();
        ByteBuffer second = buffers.take(1200); // the first is taken: a new one
        assertThat(second).isNotSameAs(first);
        buffers.give(again);
        buffers.give(second);
        ByteBuffer larger = buffers.take(8000); // a pooled buffer too small for it is dropped
        assertThat(larger.capacity()).isGreaterThanOrEqualTo(8000);
        buffers.give(larger);
        ByteBuffer huge = buffers.take(InputBuffers.MAX_POOLED_BYTES + 4);
        long idle = buffers.idleBytes();
        buffers.give(huge);
        assertThat(buffers.idleBytes()).isEqualTo(idle);
        assertThat(buffers.idleBytes()).isLessThanOrEqualTo(InputBuffers.MAX_POOLED_BYTES);
    }
}
