package dev.netwright.engine.train;

import dev.netwright.engine.train.metrics.ClassificationReport;
import dev.netwright.engine.train.metrics.RegressionReport;
import dev.netwright.engine.train.metrics.Reports;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportsTest {

    @Test
    void classificationMetricsFromAKnownConfusionMatrix() {
        int[] actual = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 0, 1, 1, 1, 0, 2, 2, 1};
        ClassificationReport r = Reports.classification(predicted, actual, List.of("a", "b", "c"), 0.5);

        assertThat(r.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(r.confusion().counts()).isDeepEqualTo(new long[][] {{3, 1, 0}, {1, 2, 0}, {0, 1, 2}});
        // class a: tp 3, predicted 4, actual 4
        assertThat(r.perClass().get(0).precision()).isCloseTo(0.75, within(1e-12));
        assertThat(r.perClass().get(0).recall()).isCloseTo(0.75, within(1e-12));
        // class b: tp 2, predicted 4, actual 3 -> p 0.5, r 2/3, f1 = 4/7
        assertThat(r.perClass().get(1).f1()).isCloseTo(4.0 / 7, within(1e-12));
        // class c: tp 2, predicted 2, actual 3 -> p 1, r 2/3, f1 0.8
        assertThat(r.perClass().get(2).precision()).isEqualTo(1.0);
        assertThat(r.perClass().get(2).f1()).isCloseTo(0.8, within(1e-12));
        assertThat(r.perClass().get(2).support()).isEqualTo(3);
        assertThat(r.macroF1()).isCloseTo((0.75 + 4.0 / 7 + 0.8) / 3, within(1e-12));
    }

    @Test
    void confusionMatrixIsImmutable() {
        ClassificationReport r = Reports.classification(new int[] {0}, new int[] {0}, List.of("a", "b"), 0);
        r.confusion().counts()[0][0] = 99;
        assertThat(r.confusion().count(0, 0)).isEqualTo(1);
    }

    @Test
    void regressionMetrics() {
        float[] actual = {1, 2, 3, 4};
        float[] predicted = {1, 2, 3, 6};
        RegressionReport r = Reports.regression(predicted, actual, 1.0);
        assertThat(r.mae()).isCloseTo(0.5, within(1e-12));
        assertThat(r.rmse()).isCloseTo(1.0, within(1e-12));
        assertThat(r.r2()).isCloseTo(1 - 4 / 5.0, within(1e-12));
    }
}
