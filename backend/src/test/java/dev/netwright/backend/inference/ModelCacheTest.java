package dev.netwright.backend.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.designer.template.DesignBuilder;
import dev.netwright.engine.predict.Predictor;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.config.LossKind;
import dev.netwright.engine.train.config.OptimizerKind;
import dev.netwright.engine.train.config.TrainingConfig;
import dev.netwright.engine.worker.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded model cache: least recently used out, native memory freed on eviction but never under a user. */
class ModelCacheTest {
    @TempDir
    static Path dir;
    private static ArtifactStore.Artifact artifact;
    private static Path artifactZip;
    /** The design as the server stored it for the run (the cache compiles this one, not the artifact's copy). */
    private static String design;
    private static final float[] SAMPLE = {5.1f, 3.5f, 1.4f, 0.2f};

    @BeforeAll
    static void trainOneSmallModel() throws Exception {
        TrainingConfig config = TrainingConfig.builder().loss(LossKind.SOFTMAX_CROSS_ENTROPY)
                .optimizer(OptimizerKind.ADAM, 1e-2).epochs(2).batchSize(32).seed(1).validationFraction(0).build();
        Path model = dir.resolve("model");
        var trained = DesignBuilder.named("iris").node("in", "Input", "shape", List.of(4))
                .then("out", "Dense", "units", 3, "activation", "softmax").build();
        design = new dev.netwright.designer.format.DesignJson().write(trained);
        new TrainingRun().execute(new RunRequest(trained,
                new DatasetSpec.Builtin("iris", 0), config), new RunListener() {
                }, model, new CancellationFlag());
        Path zip = dir.resolve("artifact.zip");
        Zips.zip(model, Zips::isModelFile, zip);
        artifact = new ArtifactStore.Artifact("runs/r/artifact.zip", Files.size(zip), "sha-1");
        artifactZip = zip;
    }

    @Test
    void leastRecentlyUsedModelIsEvictedAndClosedOnceNoLongerInUse() {
        ModelCache cache = new ModelCache(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        ModelCache.Lease held = cache.lease(a, artifact, artifactZip, design);
        Predictor first = held.predictor();
        cache.lease(b, artifact, artifactZip, design).close();
        try (ModelCache.Lease again = cache.lease(b, artifact, artifactZip, design)) {
            assertThat(again.predictor()).as("a cached model is reused").isNotSameAs(first);
        }
        cache.lease(c, artifact, artifactZip, design).close(); // a is least recently used: out
        assertThat(cache.size()).isEqualTo(2);
        assertThat(first.predict(List.of(SAMPLE))).as("still usable while a request holds it").hasSize(1);
        held.close();
        assertThatThrownBy(() -> first.predict(List.of(SAMPLE))).as("closed after the last user let go")
                .isInstanceOf(RuntimeException.class);
        try (ModelCache.Lease reloaded = cache.lease(a, artifact, artifactZip, design)) {
            assertThat(reloaded.predictor()).isNotSameAs(first);
            assertThat(reloaded.predictor().predict(List.of(SAMPLE)).getFirst().label()).isNotNull();
        }
        cache.close();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aReStoredArtifactIsLoadedAfresh() {
        ModelCache cache = new ModelCache(4);
        UUID run = UUID.randomUUID();
        Predictor old;
        try (ModelCache.Lease l = cache.lease(run, artifact, artifactZip, design)) {
            old = l.predictor();
        }
        try (ModelCache.Lease l = cache.lease(run, new ArtifactStore.Artifact(artifact.key(), artifact.sizeBytes(),
                "sha-2"), artifactZip, design)) {
            assertThat(l.predictor()).isNotSameAs(old);
        }
        assertThat(cache.size()).isEqualTo(1);
        assertThatThrownBy(() -> old.predict(List.of(SAMPLE))).isInstanceOf(RuntimeException.class);
        cache.close();
    }

    /** A stored artifact is unpacked within limits: too many files is a clear refusal, not a full disk. */
    @Test
    void anArtifactWithTooManyFilesIsRefusedWithAReason() throws Exception {
        Path zip = dir.resolve("many.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i <= ArtifactStore.MAX_ENTRIES; i++) {
                out.putNextEntry(new java.util.zip.ZipEntry("f" + i));
            }
        }
        ModelCache cache = new ModelCache(2);
        UUID run = UUID.randomUUID();
        assertThatThrownBy(() -> cache.lease(run, new ArtifactStore.Artifact("runs/m/artifact.zip", Files.size(zip),
                "sha-many"), zip, design)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the artifact of run " + run + " cannot be unpacked: the ZIP has more than "
                        + ArtifactStore.MAX_ENTRIES + " entries");
        assertThat(cache.size()).isZero();
    }
}
