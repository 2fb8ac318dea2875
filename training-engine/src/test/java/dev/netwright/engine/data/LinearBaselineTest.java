package dev.netwright.engine.data;

import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.data.baseline.LinearBaseline;
import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.data.builtin.LoadOptions;
import dev.netwright.engine.data.prep.DataSplits;
import dev.netwright.engine.data.tabular.CsvOptions;
import dev.netwright.engine.data.tabular.TableLoader;
import dev.netwright.engine.data.tabular.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class LinearBaselineTest {

    private static final BuiltinCatalog CATALOG = BuiltinCatalog.standard();

    @Test
    void logisticRegressionOnIrisBeatsEightyFivePercent() {
        assumeThat(CATALOG.isAvailable("iris")).isTrue();
        BaselineResult r = LinearBaseline.evaluate(CATALOG.load("iris", LoadOptions.seed(42)));
        assertThat(r.modelKind()).isEqualTo("logistic-regression");
        assertThat(r.metricName()).isEqualTo("accuracy");
        assertThat(r.value()).isGreaterThan(0.85);
    }

    @Test
    void linearRegressionOnDiabetesExplainsVariance() {
        assumeThat(CATALOG.isAvailable("diabetes")).isTrue();
        BaselineResult r = LinearBaseline.evaluate(CATALOG.load("diabetes", LoadOptions.seed(42)));
        assertThat(r.metricName()).isEqualTo("rmse");
        // Ordinary least squares reaches R^2 about 0.5 and RMSE about 54 on this set; the target's sd is 77.
        assertThat(r.metrics().get("r2")).isGreaterThan(0.3);
        assertThat(r.value()).isBetween(40.0, 70.0);
    }

    @Test
    void regressionOnAUserCsvRecoversALinearRule(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,kind,y\n");
        Random rnd = new Random(1);
        for (int i = 0; i < 300; i++) {
            double x1 = rnd.nextGaussian();
            double x2 = rnd.nextGaussian() * 10;
            String kind = rnd.nextBoolean() ? "a" : "b";
            double y = 3 * x1 - 0.5 * x2 + (kind.equals("a") ? 5 : -5) + 0.1 * rnd.nextGaussian();
            csv.append(x1).append(',').append(x2).append(',').append(kind).append(',').append(y).append('\n');
        }
        Path file = dir.resolve("lin.csv");
        Files.writeString(file, csv);
        TabularData t = TableLoader.load(file, CsvOptions.regression("y"));
        DataSplits s = DataSplits.trainTest(t.dataset(), 0.2, 3, false);
        BaselineResult r = LinearBaseline.evaluate(s.train(), s.test(), t.featureNames());
        assertThat(r.metrics().get("r2")).isGreaterThan(0.99);
        assertThat(r.value()).isLessThan(0.5);
    }
}
