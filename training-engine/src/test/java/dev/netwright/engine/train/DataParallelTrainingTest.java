package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.train.metrics.TrainingListener;
import dev.netwright.engine.train.parallel.DevicePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data-parallel training with several replicas on the CPU (the same device named more than once): sharding a batch
 * over replicas must not change the mathematics, so the gradients, the loss trajectory and the final weights equal
 * those of one device. The GPU path runs the same code with device transfers instead of identity copies.
 */
class DataParallelTrainingTest {
    private static final Shape TWO = new Shape(2);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void summedReplicaGradientsEqualTheFullBatchGradient(int replicas) {
        Engine.getInstance().setRandomSeed(3);
        ArrayDataset data = TestData.twoMoons(7, 0.2, 4); // 7 samples: shards of 4+3 and 3+2+2
        try (Model model = Model.newInstance("m", Device.cpu())) {
            Block block = Nets.mlp(2, 16, 8);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(7, 2));
            ParameterAccess.attachGradients(block);
            NDArray x = m.create(data.features(), new Shape(7, 2));
            NDArray y = m.create(data.targets(), new Shape(7, 1));
            Loss loss = dev.netwright.engine.train.Losses.create(LossKind.SOFTMAX_CROSS_ENTROPY, 1);
            List<float[]> single = gradients(block, new DataParallel(block, cpus(1)), x, y, loss);
            List<float[]> sharded = gradients(block, new DataParallel(block, cpus(replicas)), x, y, loss);
            assertThat(sharded).hasSameSizeAs(single);
            for (int i = 0; i < single.size(); i++) {
                assertClose(sharded.get(i), single.get(i), 1e-6f, "gradient of parameter " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {2, 3})
    void shardedTrainingFollowsTheSingleDeviceTrajectory(int replicas) {
        // 45 training samples in batches of 10: the last batch (5) and all others split unevenly over 2 or 3
        ArrayDataset train = TestData.twoMoons(45, 0.2, 1);
        Result one = train(cpus(1), train, dir.resolve("one"));
        Result many = train(cpus(replicas), train, dir.resolve("many"));
        assertThat(many.result.status()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(many.result.device()).contains("cpu");
        assertThat(many.losses).hasSameSizeAs(one.losses);
        for (int i = 0; i < one.losses.size(); i++) {
            assertThat(many.losses.get(i)).as("batch loss " + i).isCloseTo(one.losses.get(i),
                    org.assertj.core.api.Assertions.within(1e-4));
        }
        var history = one.result.history();
        assertThat(history.get(history.size() - 1).train().loss()).as("it trained")
                .isLessThan(history.get(0).train().loss());
        for (int e = 0; e < history.size(); e++) {
            assertThat(many.result.history().get(e).train().loss()).as("epoch loss over whole batches " + e)
                    .isCloseTo(history.get(e).train().loss(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(many.result.history().get(e).train().accuracy())
                    .isEqualTo(history.get(e).train().accuracy());
        }
        assertThat(many.weights).hasSameSizeAs(one.weights);
        for (int i = 0; i < one.weights.size(); i++) {
            assertClose(many.weights.get(i), one.weights.get(i), 1e-4f, "final weights of parameter " + i);
        }
    }

    @Test
    void aMissingGpuIsNamedWithTheDevicesTheEngineSees() {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        assertThatThrownBy(() -> DevicePlan.resolve(List.of("cpu", "gpu" + gpus), engine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu" + gpus + "' is not available")
                .hasMessageContaining("sees cpu");
        assertThatThrownBy(() -> TrainingConfig.builder().devices(List.of("tpu0")).build())
                .hasMessageContaining("'tpu0' is not cpu, gpu or gpuN");
        assertThat(DevicePlan.resolve(List.of(), engine).primary()).isEqualTo(engine.defaultDevice());
        assertThat(DevicePlan.gpus(2)).containsExactly("gpu0", "gpu1");
    }

    private record Result(TrainingResult result, List<Double> losses, List<float[]> weights) {
    }

    private Result train(DevicePlan plan, ArrayDataset train, Path out) {
        List<String> names = plan.devices().stream().map(d -> "cpu").toList();
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 0.01).epochs(4).batchSize(10).seed(11).validationFraction(0)
                .devices(names).build();
        List<Double> losses = Collections.synchronizedList(new ArrayList<>());
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(dev.netwright.engine.train.metrics.BatchMetrics batch) {
                losses.add(batch.loss());
            }
        };
        TrainingResult result = new SupervisedTrainer(config, listener).train(Nets.mlp(2, 16, 8), TWO,
                TrainingData.of(train, null, null), out, new CancellationFlag());
        try (Model model = Model.newInstance("check", Device.cpu())) {
            Block block = Nets.mlp(2, 16, 8);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            new CheckpointStore(out).loadParameters(CheckpointStore.Slot.LAST, model);
            List<float[]> weights = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                weights.add(p.getValue().getArray().toFloatArray());
            }
            return new Result(result, losses, weights);
        }
    }

    private static List<float[]> gradients(Block block, DataParallel parallel, NDArray x, NDArray y, Loss loss) {
        try (NDManager step = x.getManager().newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(step);
            NDArray ys = y.duplicate();
            ys.attach(step);
            EngineSupport.collectorLock().lock();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(parallel.forward(xs, ys, loss).loss());
            } finally {
                EngineSupport.collectorLock().unlock();
            }
            List<float[]> out = new ArrayList<>();
            var parameters = ParameterAccess.gradients(block);
            for (var p : parameters) {
                out.add(p.gradient().toFloatArray());
            }
            ParameterAccess.clearGradients(parameters);
            return out;
        }
    }

    private static DevicePlan cpus(int count) {
        return new DevicePlan(Collections.nCopies(count, Device.cpu()));
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as(what + " [" + i + "]")
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tolerance));
        }
    }
}
