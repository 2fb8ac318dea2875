package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.TrainTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class BuiltinCatalogTest {

    private static final BuiltinCatalog CATALOG = BuiltinCatalog.standard();

    @Test
    void listsEveryDatasetInAStableOrder() {
        assertThat(CATALOG.list()).extracting(BuiltinDataset::id).containsExactly("fashion-mnist", "iris", "wine",
                "breast-cancer", "digits", "diabetes", "moons", "circles", "spirals", "gaussian-mixture",
                "sine-sequences", "token-sequences");
        BuiltinDataset fm = CATALOG.info("fashion-mnist");
        assertThat(fm.sampleShape()).containsExactly(1, 28, 28);
        assertThat(fm.trainSize()).isEqualTo(60_000);
        assertThat(fm.testSize()).isEqualTo(10_000);
        assertThat(fm.debianPackage()).contains("dataset-fashion-mnist");
        assertThat(fm.classNames()).hasSize(10).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
    }

    @Test
    void missingPackagesAreStillListedAndLoadingNamesThePackage(@TempDir Path empty) {
        BuiltinCatalog bare = new BuiltinCatalog(new DataLocations(empty.resolve("fm"), empty.resolve("sk")));
        assertThat(bare.list()).hasSize(CATALOG.list().size());
        assertThat(bare.isAvailable("fashion-mnist")).isFalse();
        assertThat(bare.isAvailable("moons")).isTrue();
        assertThatThrownBy(() -> bare.load("fashion-mnist"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        assertThatThrownBy(() -> bare.load("iris"))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("python3-sklearn");
        assertThatThrownBy(() -> bare.load("no-such-set")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no-such-set").hasMessageContaining("moons");
    }

    @Test
    void fashionMnistIsTheRealSet() {
        assumeThat(CATALOG.isAvailable("fashion-mnist")).as("dataset-fashion-mnist installed").isTrue();
        TrainTest full = CATALOG.load("fashion-mnist", LoadOptions.DEFAULT);
        assertThat(full.train().size()).isEqualTo(60_000);
        assertThat(full.test().size()).isEqualTo(10_000);
        assertThat(full.train().sampleShape()).containsExactly(1, 28, 28);
        // First training image is an ankle boot, first test image too; the two next test labels 2 and 1.
        assertThat(full.train().label(0)).isEqualTo(9);
        assertThat(full.train().classNames().get(9)).isEqualTo("Ankle boot");
        assertThat(full.test().label(0)).isEqualTo(9);
        assertThat(full.test().label(1)).isEqualTo(2);
        assertThat(full.train().classCounts()).containsOnly(6000);
        float[] first = full.train().sample(0);
        double sum = 0;
        for (float v : first) {
            assertThat(v).isBetween(0f, 1f);
            sum += v;
        }
        assertThat(sum * 255).isCloseTo(76247, org.assertj.core.data.Offset.offset(0.5));

        TrainTest small = CATALOG.load("fashion-mnist", LoadOptions.DEFAULT.withLimit(100));
        assertThat(small.train().size()).isEqualTo(100);
        assertThat(small.test().size()).isEqualTo(100);
        assertThat(small.train().sample(0)).containsExactly(first);
    }

    @ParameterizedTest
    @CsvSource({
            "iris, 4, '50,50,50'",
            "wine, 13, '59,71,48'",
            "breast-cancer, 30, '212,357'",
            "digits, 64, '178,182,177,183,181,182,181,179,174,180'"})
    void sklearnClassificationSets(String id, int width, String counts) {
        assumeThat(CATALOG.isAvailable(id)).as("python3-sklearn installed").isTrue();
        int[] expected = Arrays.stream(counts.split(",")).mapToInt(Integer::parseInt).toArray();
        TrainTest tt = CATALOG.load(id, LoadOptions.seed(7));
        BuiltinDataset info = CATALOG.info(id);
        assertThat(tt.train().size()).isEqualTo(info.trainSize());
        assertThat(tt.test().size()).isEqualTo(info.testSize());
        assertThat(tt.train().sampleSize()).isEqualTo(width);
        assertThat(tt.train().classNames()).hasSize(expected.length);
        int[] total = new int[expected.length];
        int[] tr = tt.train().classCounts();
        int[] te = tt.test().classCounts();
        for (int c = 0; c < total.length; c++) {
            total[c] = tr[c] + te[c];
            // Stratified: each class's test share is within one sample of 20 %.
            assertThat((double) te[c]).isCloseTo(0.2 * expected[c], org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(total).containsExactly(expected);
        // The same seed gives the same split, another seed another one.
        assertThat(CATALOG.load(id, LoadOptions.seed(7)).test().features()).containsExactly(tt.test().features());
        assertThat(CATALOG.load(id, LoadOptions.seed(8)).test().features()).isNotEqualTo(tt.test().features());
    }

    @Test
    void irisValuesAndDigitsShape() {
        assumeThat(CATALOG.isAvailable("iris")).isTrue();
        TrainTest iris = CATALOG.load("iris");
        assertThat(iris.train().classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.train().size() + iris.test().size()).isEqualTo(150);
        TrainTest digits = CATALOG.load("digits");
        assertThat(digits.train().sampleShape()).containsExactly(1, 8, 8);
        float max = 0;
        for (float v : digits.train().features()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void diabetesIsRegressionWithTargetsFromTheSecondFile() {
        assumeThat(CATALOG.isAvailable("diabetes")).isTrue();
        TrainTest d = CATALOG.load("diabetes");
        assertThat(d.train().task()).isEqualTo(ArrayDataset.Task.REGRESSION);
        assertThat(d.train().sampleShape()).containsExactly(10);
        assertThat(d.train().size()).isEqualTo(354);
        assertThat(d.test().size()).isEqualTo(88);
        for (float t : d.train().targets()) {
            assertThat(t).isBetween(25f, 346f); // the published target range
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"moons", "circles", "spirals", "sine-sequences", "token-sequences"})
    void generatedSetsAreDeterministicAndBalanced(String id) {
        TrainTest a = CATALOG.load(id, LoadOptions.seed(3));
        TrainTest b = CATALOG.load(id, LoadOptions.seed(3));
        TrainTest c = CATALOG.load(id, LoadOptions.seed(4));
        BuiltinDataset info = CATALOG.info(id);
        assertThat(a.train().features()).containsExactly(b.train().features());
        assertThat(a.train().targets()).containsExactly(b.train().targets());
        assertThat(a.train().features()).isNotEqualTo(c.train().features());
        assertThat(a.test().features()).isNotEqualTo(a.train().features());
        assertThat(a.train().size()).isEqualTo(info.trainSize());
        assertThat(a.test().size()).isEqualTo(info.testSize());
        assertThat(a.train().sampleShape()).containsExactly(info.sampleShape());
        int k = info.classNames().size();
        assertThat(a.train().classCounts()).containsOnly(info.trainSize() / k);
        assertThat(a.test().classCounts()).containsOnly(info.testSize() / k);
        // Shuffled: the first ten samples are not all one class.
        assertThat(java.util.stream.IntStream.range(0, 10).map(i -> a.train().label(i)).distinct().count()).isGreaterThan(1);
    }

    @Test
    void generatedSetsHaveTheDocumentedStructure() {
        TrainTest circles = CATALOG.load("circles", LoadOptions.seed(1));
        ArrayDataset c = circles.train();
        for (int i = 0; i < c.size(); i++) {
            float[] p = c.sample(i);
            double r = Math.hypot(p[0], p[1]);
            assertThat(r).isCloseTo(c.label(i) == 0 ? 1.0 : 0.5, org.assertj.core.data.Offset.offset(0.25));
        }
        ArrayDataset tokens = CATALOG.load("token-sequences", LoadOptions.seed(1)).train();
        assertThat(tokens.sampleShape()).containsExactly(32);
        for (int i = 0; i < tokens.size(); i++) {
            int a = 0;
            int b = 0;
            for (float t : tokens.sample(i)) {
                assertThat(t).isBetween(1f, 63f).isEqualTo((float) Math.rint(t));
                a += t == 1f ? 1 : 0;
                b += t == 2f ? 1 : 0;
            }
            assertThat(a).isNotEqualTo(b);
            assertThat(tokens.label(i)).isEqualTo(a > b ? 0 : 1);
        }
        ArrayDataset sines = CATALOG.load("sine-sequences", LoadOptions.seed(1).withLimit(40)).train();
        assertThat(sines.sampleShape()).containsExactly(50, 1);
        assertThat(sines.classCounts()).containsOnly(10);
    }

    @Test
    void gaussianMixtureIsUnlabelledAndCoversAllEightModes() {
        TrainTest g = CATALOG.load("gaussian-mixture", LoadOptions.seed(5));
        assertThat(g.train().task()).isEqualTo(ArrayDataset.Task.UNLABELLED);
        assertThat(g.train().targetWidth()).isZero();
        assertThat(g.train().size()).isEqualTo(4000);
        int[] perMode = new int[8];
        for (int i = 0; i < g.train().size(); i++) {
            float[] p = g.train().sample(i);
            assertThat(Math.hypot(p[0], p[1])).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.15));
            int mode = (int) Math.round(Math.atan2(p[1], p[0]) / (2 * Math.PI / 8));
            perMode[(mode + 8) % 8]++;
        }
        assertThat(perMode).containsOnly(500);
        assertThat(CATALOG.load("gaussian-mixture", LoadOptions.seed(5)).train().features())
                .containsExactly(g.train().features());
    }

    @Test
    void generatorsListNoPackage() {
        List<BuiltinDataset> generated = CATALOG.list().stream().filter(BuiltinDataset::generated).toList();
        assertThat(generated).hasSize(6);
    }
}
