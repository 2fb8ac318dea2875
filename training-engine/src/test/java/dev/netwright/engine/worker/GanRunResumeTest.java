package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.template.Templates;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GAN job whose worker goes away after two epochs is picked up again on the same work folder: the next attempt
 * finds the GAN's checkpoints ({@code checkpoints/generator/last}, {@code checkpoints/discriminator/last}) and
 * continues with epoch 3 instead of starting over.
 */
class GanRunResumeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An in-memory server: records points; when {@code loseLeaseAfter} checkpoints were uploaded, the lease is gone. */
    private static final class Server implements WorkerBackend {
        final Path work;
        final int loseLeaseAfter;
        final List<MetricPoint> points = new CopyOnWriteArrayList<>();
        int checkpoints;

        Server(Path work, int loseLeaseAfter) {
            this.work = work;
            this.loseLeaseAfter = loseLeaseAfter;
        }

        @Override
        public Optional<ClaimedRun> claim() {
            return Optional.empty();
        }

        @Override
        public boolean heartbeat(UUID runId) {
            return false;
        }

        @Override
        public void metric(UUID runId, MetricPoint point) {
            points.add(point);
        }

        @Override
        public void samplePicture(UUID runId, int epoch, byte[] png) {
        }

        @Override
        public Path workDir(ClaimedRun job) throws java.io.IOException {
            return Files.createDirectories(work);
        }

        @Override
        public DatasetSpec dataset(ClaimedRun job, Path workDir) {
            return new DatasetSpec.Builtin(job.dataset().builtin(), job.dataset().limit());
        }

        @Override
        public void checkpointSaved(UUID runId, Path checkpointDir) {
            if (++checkpoints >= loseLeaseAfter) {
                throw new LeaseLostException("lease expired");
            }
        }

        @Override
        public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) {
        }

        List<Integer> epochs() {
            return points.stream().filter(p -> p.kind() == MetricKind.EPOCH)
                    .map(p -> JSON.readTree(p.json()).get("epoch").asInt()).toList();
        }

        List<String> messages() {
            return points.stream().filter(p -> p.kind() == MetricKind.MESSAGE)
                    .map(p -> JSON.readTree(p.json()).get("text").asString()).toList();
        }
    }

    @Test
    void interruptedGanJobResumesAtTheNextEpoch(@TempDir Path dir) throws Exception {
        String design = new DesignJson().write(Templates.find("mlp-gan-2d").orElseThrow().design());
        TrainingSettings settings = JSON.readValue("{\"epochs\":4,\"batchSize\":64,\"seed\":5}",
                TrainingSettings.class);
        ClaimedRun job = new ClaimedRun(UUID.randomUUID(), 1, design,
                new DatasetRef("gaussian-mixture", 256, null, null, null), settings, "BUILTIN", 30);
        Path work = dir.resolve("work");

        Server first = new Server(work, 2);
        RunEnd lost = new ClaimedRunTrainer(first).run(job);
        assertThat(lost).as("the lease was lost: nothing reported").isEqualTo(RunEnd.leaseLost());
        assertThat(first.epochs()).containsExactly(1, 2);
        assertThat(TrainingRun.hasCheckpoint(work)).as("GAN checkpoints count as a resume point").isTrue();
        assertThat(work.resolve("checkpoints/generator/last/model-0002.params")).exists();

        Server second = new Server(work, Integer.MAX_VALUE);
        RunEnd done = new ClaimedRunTrainer(second).run(new ClaimedRun(job.runId(), 2, design, job.dataset(), settings,
                "BUILTIN", 30));
        assertThat(done.status()).as(String.valueOf(done.failure())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.messages()).contains("resumed after epoch 2");
        assertThat(second.epochs()).as("only the epochs the first attempt did not finish").containsExactly(3, 4);
        assertThat(work.resolve("checkpoints/generator/last/model-0004.params")).exists();
    }

    @Test
    void supervisedAndEmptyFoldersAreToldApart(@TempDir Path dir) throws Exception {
        assertThat(TrainingRun.hasCheckpoint(dir)).isFalse();
        Files.createDirectories(dir.resolve("checkpoints/generator/last"));
        assertThat(TrainingRun.hasCheckpoint(dir)).as("half a GAN checkpoint").isFalse();
        Files.createDirectories(dir.resolve("checkpoints/discriminator/last"));
        assertThat(TrainingRun.hasCheckpoint(dir)).isTrue();
        Path supervised = Files.createDirectories(dir.resolve("s/checkpoints/last"));
        assertThat(TrainingRun.hasCheckpointIn(supervised.getParent())).isTrue();
    }
}
