package dev.netwright.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.api.TrainingSettings;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's side of a run's lifetime: the lease is kept to the very end, and reports survive lost answers. */
class ClaimedRunTrainerTest {
    @TempDir
    Path work;

    /** Trains locally; records heartbeats and deliveries; the first answer of each kind is "lost". */
    private class RecordingBackend implements WorkerBackend {
        final List<Long> beats = Collections.synchronizedList(new ArrayList<>());
        final List<MetricPoint> deliveries = Collections.synchronizedList(new ArrayList<>());
        final Set<String> stored = Collections.synchronizedSet(new HashSet<>());
        final Set<MetricKind> answerLost = Collections.synchronizedSet(new HashSet<>());
        final long uploadMillis;
        volatile long finishStarted;
        volatile long finishEnded;
        volatile boolean artifactUploaded;
        volatile Path keepModelIn;
        volatile Path startFrom;

        RecordingBackend(long uploadMillis) {
            this.uploadMillis = uploadMillis;
        }

        @Override
        public Optional<ClaimedRun> claim() {
            return Optional.empty();
        }

        @Override
        public boolean heartbeat(UUID runId) {
            beats.add(System.nanoTime());
            return false;
        }

        @Override
        public void metric(UUID runId, MetricPoint point) throws IOException {
            deliveries.add(point);
            stored.add(point.key()); // what a server does: stores by key, so a second delivery changes nothing
            if (answerLost.add(point.kind())) {
                throw new IOException("connection reset after the " + point.kind() + " point was stored");
            }
        }

        @Override
        public void samplePicture(UUID runId, int epoch, byte[] png) {
        }

        @Override
        public Path workDir(ClaimedRun job) {
            return work;
        }

        @Override
        public DatasetSpec dataset(ClaimedRun job, Path workDir) {
            return new DatasetSpec.Builtin("moons", 200);
        }

        @Override
        public void checkpointSaved(UUID runId, Path checkpointDir) {
        }

        @Override
        public Optional<Path> startingWeights(ClaimedRun job, Path workDir) {
            return Optional.ofNullable(startFrom);
        }

        @Override
        public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException {
            finishStarted = System.nanoTime();
            artifactUploaded = modelDir.isPresent() && Files.exists(modelDir.get().resolve("model.json"));
            if (keepModelIn != null && modelDir.isPresent()) {
                copyTree(modelDir.get(), keepModelIn);
            }
            try {
                Thread.sleep(uploadMillis); // zipping and uploading a large model
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            finishEnded = System.nanoTime();
        }
    }

    private static ClaimedRun job(int leaseSeconds) {
        return job(leaseSeconds, false);
    }

    private static ClaimedRun job(int leaseSeconds, boolean freezeHidden) {
        Design d = DesignBuilder.named("moons mlp")
                .node("in", "Input", "shape", List.of(2))
                .then("hidden", "Dense", "units", 8, "activation", "relu")
                .then("out", "Dense", "units", 2, "activation", "softmax").build();
        if (freezeHidden) {
            d = d.withNodes(d.nodes().stream().map(n -> n.id().equals("hidden") ? n.withFrozen(true) : n).toList());
        }
        String design = new DesignJson().write(d);
        return new ClaimedRun(UUID.randomUUID(), 1, design, new DatasetRef("moons", 200, null, null, null),
                TrainingSettings.DEFAULTS, "BUILTIN", leaseSeconds);
    }

    /** A one-second lease beats every 333 ms; an upload of 1.5 s must not let it lapse. */
    @Test
    void heartbeatsGoOnWhileTheModelIsUploaded() {
        RecordingBackend backend = new RecordingBackend(1500);
        RunEnd result = new ClaimedRunTrainer(backend).run(job(1));

        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(backend.artifactUploaded).isTrue();
        long during = backend.beats.stream()
                .filter(t -> t >= backend.finishStarted && t <= backend.finishEnded).count();
        assertThat(during).as("heartbeats while the artifact was uploaded").isGreaterThanOrEqualTo(3);
        int total = backend.beats.size();
        sleep(800);
        // (one beat may have been under way when the end was reported)
        assertThat(backend.beats.size()).as("heartbeats stop once the end is reported").isLessThanOrEqualTo(total + 1);
    }

    /** A point whose answer got lost is delivered again with the same key, so the server can store it once. */
    @Test
    void aRetriedPointKeepsItsKey() {
        RecordingBackend backend = new RecordingBackend(0);
        RunEnd result = new ClaimedRunTrainer(backend).run(job(30));
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);

        for (MetricKind kind : List.of(MetricKind.BATCH, MetricKind.EPOCH)) {
            List<MetricPoint> ofKind = backend.deliveries.stream().filter(p -> p.kind().equals(kind)).toList();
            assertThat(ofKind.size()).as("%s points delivered", kind).isGreaterThanOrEqualTo(2);
            assertThat(ofKind.get(1)).as("the retry of the first %s point is the same point", kind)
                    .isEqualTo(ofKind.get(0));
            assertThat(ofKind.stream().map(MetricPoint::key).distinct().count())
                    .as("one key per %s point", kind).isEqualTo(ofKind.size() - 1);
        }
        assertThat(backend.stored).as("one retry per kind, each with its point's key")
                .hasSize(backend.deliveries.size() - backend.answerLost.size());
    }

    /**
     * A platform run of a design whose node is marked frozen (as the canvas saves it) starts from earlier weights
     * and leaves that node's weights exactly as they were, while the rest trains.
     */
    @Test
    void aFrozenNodeOfTheDesignKeepsItsWeightsInAPlatformRun() throws IOException {
        Path first = work.resolve("kept-first");
        Path second = work.resolve("kept-second");
        RecordingBackend backend = new RecordingBackend(0);
        backend.keepModelIn = first;
        assertThat(new ClaimedRunTrainer(backend).run(job(30)).status()).isEqualTo(RunStatus.SUCCEEDED);

        Path again = Files.createDirectories(work.resolve("again"));
        RecordingBackend tuning = new RecordingBackend(0) {
            @Override
            public Path workDir(ClaimedRun job) {
                return again;
            }
        };
        tuning.keepModelIn = second;
        tuning.startFrom = first;
        RunEnd result = new ClaimedRunTrainer(tuning).run(job(30, true));
        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(weights(second, "hidden")).as("frozen node").containsExactly(weights(first, "hidden"));
        assertThat(weights(second, "out")).as("trainable node").isNotEqualTo(weights(first, "out"));
    }

    private static float[] weights(Path modelDir, String nodeId) {
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            return model.block().nodeBlocks().get(nodeId).getParameters().get(0).getValue().getArray().toFloatArray();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
