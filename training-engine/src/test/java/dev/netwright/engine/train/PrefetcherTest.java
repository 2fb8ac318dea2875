package dev.netwright.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.prep.Augmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
    private static final long SEED = 11;

    /** 10 random 1x4x4 images with targets 0..9: batches of 4 give 4, 4 and 2 samples. */
    private static ArrayDataset images() {
        Random r = new Random(5);
        float[] x = new float[10 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] y = new float[10];
        for (int i = 0; i < y.length; i++) {
            y[i] = i;
        }
        return new ArrayDataset("images", new long[] {1, 4, 4}, x, y, 1, ArrayDataset.Task.CLASSIFICATION,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void prefetchedBatchesEqualBatchesGatheredInPlaceOverEpochs() {
        Augmentation augmentation = new Augmentation(true, 1, 0.1f);
        Batcher batcher = new Batcher(images(), 4);
        List<float[]> prefetched = new ArrayList<>();
        List<float[]> inPlace = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             Prefetcher prefetcher = new Prefetcher(batcher, augmentation, SEED)) {
            Batcher.HostBatch reference = batcher.newHostBatch();
            for (int epoch = 1; epoch <= 2; epoch++) {
                int[] order = batcher.order(SEED, epoch);
                prefetcher.beginEpoch(order, epoch);
                for (int b = 0; b < batcher.batchCount(); b++) {
                    Batcher.HostBatch host = prefetcher.take(b);
                    try (NDManager bm = manager.newSubManager()) {
                        prefetched.add(concat(host.features(bm), host.targets(bm)));
                        assertThat(host.size()).isEqualTo(batcher.size(b));
                    }
                    batcher.gather(reference, order, b, augmentation, SEED, epoch);
                    try (NDManager bm = manager.newSubManager()) {
                        inPlace.add(concat(reference.features(bm), reference.targets(bm)));
                    }
                }
            }
        }
        assertThat(prefetched).hasSize(6);
        for (int i = 0; i < prefetched.size(); i++) {
            assertThat(prefetched.get(i)).as("batch %d", i).containsExactly(inPlace.get(i));
        }
        // the last batch has 2 samples: 2 x 16 features and 2 targets
        assertThat(prefetched.get(2)).hasSize(34);
        // a new epoch is a new order and new augmentation, not a replay of the first
        assertThat(prefetched.get(3)).isNotEqualTo(prefetched.get(0));
    }

    @Test
    void withoutAugmentationTheBatchesAreTheRowsInOrder() {
        ArrayDataset data = images();
        Batcher batcher = new Batcher(data, 4);
        int[] order = batcher.order(SEED, 1);
        try (NDManager manager = NDManager.newBaseManager();
             Prefetcher prefetcher = new Prefetcher(batcher, Augmentation.NONE, SEED)) {
            prefetcher.beginEpoch(order, 1);
            for (int b = 0; b < batcher.batchCount(); b++) {
                Batcher.HostBatch host = prefetcher.take(b);
                try (NDManager bm = manager.newSubManager()) {
                    float[] features = host.features(bm).toFloatArray();
                    float[] targets = host.targets(bm).toFloatArray();
                    for (int i = 0; i < host.size(); i++) {
                        int sample = order[b * 4 + i];
                        assertThat(targets[i]).isEqualTo((float) sample);
                        assertThat(java.util.Arrays.copyOfRange(features, i * 16, (i + 1) * 16))
                                .containsExactly(data.sample(sample));
                    }
                }
            }
        }
    }

    @Test
    void aFailureOnTheSideThreadSurfacesWhenTheBatchIsTaken() {
        // image augmentation on samples that are not images fails inside the gather
        ArrayDataset flat = new ArrayDataset("flat", new long[] {2}, new float[] {1, 2, 3, 4}, new float[] {0, 1},
                1, ArrayDataset.Task.CLASSIFICATION, List.of("a", "b"));
        Batcher batcher = new Batcher(flat, 1);
        try (Prefetcher prefetcher = new Prefetcher(batcher, new Augmentation(true, 0, 0f), SEED)) {
            prefetcher.beginEpoch(batcher.order(SEED, 1), 1);
            assertThatThrownBy(() -> prefetcher.take(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[C, H, W]");
        }
    }

    private static float[] concat(NDArray features, NDArray targets) {
        float[] f = features.toFloatArray();
        float[] t = targets.toFloatArray();
        float[] out = java.util.Arrays.copyOf(f, f.length + t.length);
        System.arraycopy(t, 0, out, f.length, t.length);
        return out;
    }
}
