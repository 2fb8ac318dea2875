package dev.netwright.engine.data.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.tabular.CsvTable;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesWindowsTest {

    private static CsvTable csv(String text) throws Exception {
        return CsvTable.read(new StringReader(text), "sales.csv", ',');
    }

    private static CsvTable steps(int n) throws Exception {
        StringBuilder s = new StringBuilder("t,y,x\n");
        for (int i = 0; i < n; i++) {
            s.append(i).append(',').append(i * 10).append(',').append(i % 2).append('\n');
        }
        return csv(s.toString());
    }

    private static SeriesSettings settings(Integer window, Integer horizon) {
        return new SeriesSettings(List.of("y"), List.of("x"), window, horizon, MissingSteps.REPORT, 0);
    }

    @Test
    void windowsAreSplitInTimeOrderAndScaledWithTheTrainingPartOnly() throws Exception {
        SeriesTable table = SeriesTable.load(steps(100), settings(5, 2));
        SeriesWindows w = SeriesWindows.cut(table, settings(5, 2), 5, 2, 0.125, 0.2);
        assertThat(w.testStart()).isEqualTo(80);
        assertThat(w.trainEnd()).isEqualTo(70);
        // training targets end before the validation part, test targets lie in the last 20 steps
        assertThat(w.train().size()).isEqualTo(70 - 5 - 2 + 1);
        assertThat(w.validation().orElseThrow().size()).isEqualTo(10 - 2 + 1);
        assertThat(w.rawTest().size()).isEqualTo(20 - 2 + 1);
        assertThat(w.firstTestStart()).isEqualTo(80);
        assertThat(w.rawTest().targets()[0]).isEqualTo(800f);
        assertThat(w.rawTest().features()[(4) * 2]).isEqualTo(790f); // the window's last y is step 79
        // mean of y over steps 0..69 only: 345
        assertThat(w.encoding().mean()[0]).isCloseTo(345, within(1e-9));
        float[] back = w.encoding().unscaleForecasts(w.test().targets());
        assertThat(back[0]).isCloseTo(800f, within(1e-3f));
    }

    @Test
    void missingValuesAreReportedWithTheirLinesUnlessInterpolationIsAsked() throws Exception {
        String text = "t,y\n0,1\n1,\n2,NA\n3,4\n4,5\n";
        SeriesSettings report = new SeriesSettings(List.of("y"), List.of(), 1, 1, MissingSteps.REPORT, 0);
        assertThatThrownBy(() -> SeriesTable.load(csv(text), report)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 missing values").hasMessageContaining("line 3 column 'y'")
                .hasMessageContaining("line 4 column 'y'").hasMessageContaining("--impute linear");
        SeriesSettings linear = new SeriesSettings(List.of("y"), List.of(), 1, 1, MissingSteps.LINEAR, 0);
        SeriesTable filled = SeriesTable.load(csv(text), linear);
        assertThat(filled.values()[1][0]).isEqualTo(2.0);
        assertThat(filled.values()[2][0]).isEqualTo(3.0);
        assertThat(filled.filled()).isEqualTo(2);
    }

    @Test
    void aWindowLongerThanTheSeriesIsRefused() throws Exception {
        SeriesTable table = SeriesTable.load(steps(20), settings(30, 1));
        assertThatThrownBy(() -> SeriesWindows.cut(table, settings(30, 1), 30, 1, 0.1, 0.2))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("window (30 steps) plus the horizon (1) is longer than the series (20 steps)");
    }

    @Test
    void aHorizonOfZeroIsRefused() {
        assertThatThrownBy(() -> settings(5, 0)).hasMessageContaining("horizon must be at least 1");
        assertThatThrownBy(() -> settings(0, 1)).hasMessageContaining("window must be at least 1");
    }

    @Test
    void aTextCellInASeriesNamesItsLine() throws Exception {
        SeriesSettings y = new SeriesSettings(List.of("y"), List.of(), 1, 1, MissingSteps.REPORT, 0);
        assertThatThrownBy(() -> SeriesTable.load(csv("t,y\n0,1\n1,lots\n"), y))
                .hasMessageContaining("line 3, column 'y'").hasMessageContaining("'lots' is not a number");
    }

    @Test
    void baselinesAreScoredOnTheSameWindows() throws Exception {
        // y = 0,10,20,...: the last-value forecast is off by 10 for one step ahead
        SeriesTable table = SeriesTable.load(steps(50), settings(4, 1));
        SeriesWindows w = SeriesWindows.cut(table, settings(4, 1), 4, 1, 0, 0.2);
        ForecastReport perfect = ForecastReport.of(w.rawTest().targets(), w.rawTest(), w.firstTestStart(), table,
                w.encoding());
        assertThat(perfect.rmse()).isZero();
        assertThat(perfect.naiveRmse()).isCloseTo(10, within(1e-6));
        assertThat(perfect.describe()).contains("test RMSE 0.0000").contains("naive (last value) RMSE 10.0000");
    }
}
