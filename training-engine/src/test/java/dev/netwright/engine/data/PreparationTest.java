package dev.netwright.engine.data;

import dev.netwright.engine.data.prep.Augmentation;
import dev.netwright.engine.data.prep.DataSplits;
import dev.netwright.engine.data.prep.Normaliser;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class PreparationTest {

    /** 100 samples of 3 features, feature j of sample i = i * (j + 1) + j; classes 0..3 of 40/30/20/10. */
    private static ArrayDataset ramp() {
        int n = 100;
        float[] f = new float[n * 3];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                f[i * 3 + j] = i * (j + 1) + j;
            }
            t[i] = i < 40 ? 0 : i < 70 ? 1 : i < 90 ? 2 : 3;
        }
        return new ArrayDataset("ramp", new long[] {3}, f, t, 1, ArrayDataset.Task.CLASSIFICATION,
                List.of("a", "b", "c", "d"));
    }

    @Test
    void splitsHaveTheRequestedSizesAndDoNotOverlap() {
        ArrayDataset data = ramp();
        DataSplits s = DataSplits.split(data, 0.1, 0.2, 11, false);
        assertThat(s.train().size()).isEqualTo(70);
        assertThat(s.validation().size()).isEqualTo(10);
        assertThat(s.test().size()).isEqualTo(20);
        Set<Float> ids = new HashSet<>();
        for (ArrayDataset part : List.of(s.train(), s.validation(), s.test())) {
            for (int i = 0; i < part.size(); i++) {
                ids.add(part.sample(i)[0]);
            }
        }
        assertThat(ids).hasSize(100);
        DataSplits again = DataSplits.split(data, 0.1, 0.2, 11, false);
        assertThat(again.test().features()).containsExactly(s.test().features());
        assertThat(DataSplits.split(data, 0.1, 0.2, 12, false).test().features()).isNotEqualTo(s.test().features());
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        DataSplits s = DataSplits.split(ramp(), 0.1, 0.2, 5, true);
        assertThat(s.test().classCounts()).containsExactly(8, 6, 4, 2);
        assertThat(s.validation().classCounts()).containsExactly(4, 3, 2, 1);
        assertThat(s.train().classCounts()).containsExactly(28, 21, 14, 7);
        assertThatThrownBy(() -> DataSplits.split(ramp(), 0.5, 0.5, 1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normaliserIsFittedOnTrainOnlyAndRoundTripsAsText() {
        DataSplits s = DataSplits.split(ramp(), 0, 0.3, 3, false);
        Normaliser n = Normaliser.fit(s.train(), Normaliser.Kind.STANDARDISE);
        ArrayDataset train = n.apply(s.train());
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < train.size(); i++) {
                mean += train.sample(i)[j];
                sq += train.sample(i)[j] * train.sample(i)[j];
            }
            mean /= train.size();
            assertThat(mean).isCloseTo(0, offset(1e-5));
            assertThat(sq / train.size()).isCloseTo(1, offset(1e-4));
        }
        // Fitted on train only: the statistics differ from a fit on everything.
        assertThat(n.offset()).isNotEqualTo(Normaliser.fit(ramp(), Normaliser.Kind.STANDARDISE).offset());
        double trainMean0 = 0;
        for (int i = 0; i < s.train().size(); i++) {
            trainMean0 += s.train().sample(i)[0];
        }
        assertThat(n.offset()[0]).isCloseTo((float) (trainMean0 / s.train().size()), offset(1e-3f));

        Normaliser back = Normaliser.fromText(n.toText());
        assertThat(back).isEqualTo(n);
        assertThat(back.apply(s.test().sample(0))).containsExactly(n.apply(s.test()).sample(0));

        Normaliser mm = Normaliser.fit(s.train(), Normaliser.Kind.MIN_MAX);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : mm.apply(s.train()).features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
        assertThat(Normaliser.fromText(mm.toText())).isEqualTo(mm);
    }

    @Test
    void validationComesOutOfTrainAndTestIsKept() {
        ArrayDataset data = ramp();
        TrainTest tt = new TrainTest(data.head(80), data.select("ramp/test", new int[] {80, 81, 82}));
        DataSplits s = DataSplits.withValidation(tt, 0.25, 2, false);
        assertThat(s.train().size()).isEqualTo(60);
        assertThat(s.validation().size()).isEqualTo(20);
        assertThat(s.test()).isSameAs(tt.test());
    }

    @Test
    void datasetSelectionCopiesRowsAndTargets() {
        ArrayDataset data = ramp();
        ArrayDataset picked = data.select("picked", new int[] {99, 0, 99});
        assertThat(picked.size()).isEqualTo(3);
        assertThat(picked.sample(0)).containsExactly(99, 199, 299);
        assertThat(picked.targets()).containsExactly(3, 0, 3);
        assertThat(data.head(5).size()).isEqualTo(5);
        assertThat(data.head(0)).isSameAs(data);
        assertThat(data.withFeatures(new float[300]).classNames()).isEqualTo(data.classNames());
        assertThatThrownBy(() -> data.withFeatures(new float[7])).isInstanceOf(IllegalArgumentException.class);
        ArrayDataset unnamed = new ArrayDataset("u", new long[] {1}, new float[3], new float[] {2, 0, 2}, 1,
                ArrayDataset.Task.CLASSIFICATION, List.of());
        assertThat(unnamed.classCounts()).containsExactly(1, 0, 2);
    }

    @Test
    void constantFeaturesDoNotDivideByZero() {
        ArrayDataset flat = new ArrayDataset("flat", new long[] {1}, new float[] {3, 3, 3}, new float[0], 0,
                ArrayDataset.Task.UNLABELLED, List.of());
        assertThat(Normaliser.fit(flat, Normaliser.Kind.STANDARDISE).apply(flat).features()).containsOnly(0f);
    }

    @Test
    void augmentationFlipsShiftsAndAddsNoiseReproducibly() {
        long[] shape = {1, 2, 3};
        float[] img = {1, 2, 3, 4, 5, 6};
        float[] flipped = new Augmentation(true, 0, 0).apply(img, shape, new Random(0) {
            @Override
            public boolean nextBoolean() {
                return true;
            }
        });
        assertThat(flipped).containsExactly(3, 2, 1, 6, 5, 4);

        float[] batch = new float[6 * 50];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = img[i % 6];
        }
        Augmentation shift = new Augmentation(false, 1, 0);
        float[] a = shift.apply(batch, shape, new Random(9));
        float[] b = shift.apply(batch, shape, new Random(9));
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(batch);
        for (int s = 0; s < 50; s++) {
            // Each shifted image keeps a subset of its original values, zeros elsewhere.
            for (int k = 0; k < 6; k++) {
                float v = a[s * 6 + k];
                assertThat(v == 0 || (v >= 1 && v <= 6)).isTrue();
            }
        }
        float[] noisy = new Augmentation(false, 0, 0.1f).apply(batch, shape, new Random(1));
        double diff = 0;
        for (int i = 0; i < batch.length; i++) {
            diff += (noisy[i] - batch[i]) * (noisy[i] - batch[i]);
        }
        assertThat(Math.sqrt(diff / batch.length)).isCloseTo(0.1, offset(0.02));
        assertThat(Augmentation.NONE.apply(batch, shape, new Random(1))).containsExactly(batch);
    }
}
