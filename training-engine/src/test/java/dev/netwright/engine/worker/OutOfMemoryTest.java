package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.run.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that runs out of memory (the Java heap, or libtorch refusing a tensor) fails with a clear reason, and the
 * worker goes on to train the next run.
 */
class OutOfMemoryTest {
    @TempDir
    Path scratch;

    private static String mlp(int inputs, int hidden, int outputs) {
        return new DesignJson().write(DesignBuilder.named("mlp")
                .node("in", "Input", "shape", List.of(inputs))
                .then("hidden", "Dense", "units", hidden, "activation", "relu")
                .then("out", "Dense", "units", outputs, "activation", "softmax").build());
    }

    private static ClaimedRun job(String design) {
        TrainingSettings settings = TrainingSettings.of(Map.of("epochs", 1, "batchSize", 32));
        return new ClaimedRun(UUID.randomUUID(), 1, design, new DatasetRef("moons", 100, null, null, false), settings,
                "BUILTIN", 30);
    }

    @Test
    void outOfMemoryFailsOnlyThatRunAndTheWorkerKeepsServing() {
        ClaimedRun heap = job(mlp(2, 16, 2));
        // the hidden-to-output weights alone are 1,048,576 x 1,048,576 floats: 4.4 TB that libtorch cannot allocate
        ClaimedRun giant = job(mlp(2, 1_048_576, 1_048_576));
        ClaimedRun fine = job(mlp(2, 16, 2));
        Deque<ClaimedRun> jobs = new ArrayDeque<>(List.of(heap, giant, fine));
        Map<UUID, RunEnd> ended = new LinkedHashMap<>();
        WorkerLoop[] loop = new WorkerLoop[1];
        WorkerBackend backend = new WorkerBackend() {
            @Override
            public Optional<ClaimedRun> claim() {
                ClaimedRun next = jobs.poll();
                if (next == null) {
                    loop[0].stop();
                }
                return Optional.ofNullable(next);
            }

            @Override
            public boolean heartbeat(UUID runId) {
                return false;
            }

            @Override
            public void metric(UUID runId, MetricPoint point) {
            }

            @Override
            public void samplePicture(UUID runId, int epoch, byte[] png) {
            }

            @Override
            public Path workDir(ClaimedRun job) throws java.io.IOException {
                return Files.createDirectories(scratch.resolve(job.runId().toString()));
            }

            @Override
            public DatasetSpec dataset(ClaimedRun job, Path workDir) {
                if (job == heap) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return new DatasetSpec.Builtin("moons", 100);
            }

            @Override
            public void checkpointSaved(UUID runId, Path checkpointDir) {
            }

            @Override
            public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) {
                ended.put(runId, result);
            }
        };
        loop[0] = new WorkerLoop(backend, Duration.ofMillis(10));
        loop[0].run();

        assertThat(ended).containsOnlyKeys(heap.runId(), giant.runId(), fine.runId());
        assertThat(ended.get(heap.runId()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.get(heap.runId()).failure()).startsWith("out of memory: the worker's Java heap is full")
                .contains("Java heap space");
        assertThat(ended.get(giant.runId()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(ended.get(giant.runId()).failure())
                .startsWith("out of memory: the training engine could not allocate memory")
                .contains("4.4 TB").contains("use a worker with more memory");
        assertThat(ended.get(fine.runId()).status()).as(String.valueOf(ended.get(fine.runId()).failure()))
                .isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aRunIsStoppedAndFailsWhenTheMachineRunsLowOnMemoryWhileItTrains() throws Exception {
        TrainingSettings long_ = TrainingSettings.of(Map.of("epochs", 500, "batchSize", 8));
        ClaimedRun job = new ClaimedRun(UUID.randomUUID(), 1, mlp(2, 16, 2), new DatasetRef("moons", 300, null, null, false),
                long_, "BUILTIN", 3);
        Map<UUID, RunEnd> ended = new LinkedHashMap<>();
        java.util.concurrent.atomic.AtomicInteger beats = new java.util.concurrent.atomic.AtomicInteger();
        WorkerBackend backend = new WorkerBackend() {
            @Override
            public Optional<ClaimedRun> claim() {
                return Optional.empty();
            }

            @Override
            public boolean heartbeat(UUID runId) {
                beats.incrementAndGet();
                return false;
            }

            /** The third beat finds the machine short of memory (as if something else had grown meanwhile). */
            @Override
            public Optional<String> memoryPressure() {
                return beats.get() >= 3 ? Optional.of("stopped to protect the app: memory is low") : Optional.empty();
            }

            @Override
            public void metric(UUID runId, MetricPoint point) {
            }

            @Override
            public void samplePicture(UUID runId, int epoch, byte[] png) {
            }

            @Override
            public Path workDir(ClaimedRun j) throws java.io.IOException {
                return Files.createDirectories(scratch.resolve(j.runId().toString()));
            }

            @Override
            public DatasetSpec dataset(ClaimedRun j, Path workDir) {
                return new DatasetSpec.Builtin("moons", 300);
            }

            @Override
            public void checkpointSaved(UUID runId, Path checkpointDir) {
            }

            @Override
            public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) {
                ended.put(runId, result);
            }
        };
        RunEnd result = new ClaimedRunTrainer(backend).run(job);
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failure()).isEqualTo("stopped to protect the app: memory is low");
        assertThat(ended.get(job.runId())).isEqualTo(result);
    }

    @Test
    void allocationFailuresAreRecognisedInTheCauseChain() {
        RuntimeException libtorch = new RuntimeException("wrapped", new IllegalStateException(
                "[enforce fail at alloc_cpu.cpp:119] DefaultCPUAllocator: can't allocate memory: you tried to "
                        + "allocate 4398046511104 bytes. Error code 12 (Cannot allocate memory)"));
        assertThat(MemoryFailure.describe(libtorch)).hasValueSatisfying(m -> assertThat(m)
                .contains("it tried to allocate 4.4 TB at once"));
        assertThat(MemoryFailure.describe(new IllegalArgumentException("bad shape"))).isEmpty();
    }
}
