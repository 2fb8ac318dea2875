package dev.netwright.frontend.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The test report as the worker stores it becomes a labelled heatmap and per-class rows. */
class RunResultsTest {
    private static final JsonNode REPORT = JsonMapper.shared().readTree("""
            {"loss":0.4,"samples":10,"accuracy":0.8,"macroF1":0.79,
             "perClass":[{"className":"cat","precision":0.75,"recall":1.0,"f1":0.857,"support":3},
                         {"className":"dog","precision":1.0,"recall":0.714,"f1":0.833,"support":7}],
             "confusion":{"classNames":["cat","dog"],"counts":[[3,0],[2,5]]}}""");

    @Test
    void confusionCellsArePredictedTrueCountWithClassLabels() {
        JsonNode o = RunResults.confusionOption(REPORT.get("confusion"));
        assertThat(o.at("/xAxis/data").toString()).isEqualTo("[\"cat\",\"dog\"]");
        assertThat(o.at("/yAxis/data").toString()).isEqualTo("[\"cat\",\"dog\"]");
        assertThat(o.at("/series/0/type").asString()).isEqualTo("heatmap");
        // true dog (row 1) predicted cat (column 0): 2 samples
        assertThat(o.at("/series/0/data").toString()).isEqualTo("[[0,0,3],[1,0,0],[0,1,2],[1,1,5]]");
        assertThat(o.at("/visualMap/max").asLong()).isEqualTo(5);
    }

    @Test
    void perClassRowsKeepTheEngineOrder() {
        var rows = RunResults.classRows(REPORT.get("perClass"));
        assertThat(rows).extracting(RunResults.ClassRow::name).containsExactly("cat", "dog");
        assertThat(rows.get(1).recall()).isEqualTo(0.714);
        assertThat(rows.get(1).support()).isEqualTo(7);
        assertThat(RunResults.percent(0.783)).isEqualTo("78.3 %");
    }
}
