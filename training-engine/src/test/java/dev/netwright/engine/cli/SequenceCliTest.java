package dev.netwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.engine.SequenceFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train}, {@code predict} and {@code evaluate} on a text CSV and on a series CSV. */
class SequenceCliTest {
    @TempDir
    Path dir;

    @Test
    void textTrainsFromTheCommandLineAndPredictsRawText() throws Exception {
        Path csv = SequenceFixtures.reviews(dir.resolve("reviews.csv"), 500, 4);
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "lstm-text-classifier", "--dataset", csv.toString(), "--text", "review", "--target",
                "label", "--out", model.toString(), "--epochs", "15", "--batch-size", "32", "--lr", "0.005");
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("note: text column 'review'").contains("test: accuracy");
        Path sentences = dir.resolve("sentences.txt");
        Files.writeString(sentences, "Excellent, I love it!\nawful and broken, the worst\n");
        CliRun predict = CliRun.of("predict", model.toString(), "--input", sentences.toString());
        assertThat(predict.exit()).as(predict.err()).isZero();
        assertThat(predict.out().lines().toList()).hasSize(2);
        assertThat(predict.out().lines().toList().get(0)).startsWith("positive,");
        assertThat(predict.out().lines().toList().get(1)).startsWith("negative,");
        CliRun evaluate = CliRun.of("evaluate", model.toString(), "--dataset", csv.toString(), "--target", "label");
        assertThat(evaluate.exit()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("test: accuracy");
    }

    @Test
    void aSeriesTrainsAndPrintsItsErrorsBesideTheNaiveForecast() throws Exception {
        Path csv = SequenceFixtures.series(dir.resolve("sales.csv"), 300, 12, 5);
        Path model = dir.resolve("forecaster");
        CliRun train = CliRun.of("train", "lstm-forecaster", "--dataset", csv.toString(), "--series", "sales", "--season",
                "12", "--out", model.toString(), "--epochs", "6", "--batch-size", "32", "--lr", "0.01");
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).containsPattern("(?m)^test RMSE \\d+\\.\\d+")
                .containsPattern("(?m)^naive \\(last value\\) RMSE \\d+\\.\\d+")
                .contains("seasonal naive (season 12) RMSE");
        CliRun predict = CliRun.of("predict", model.toString(), "--input", csv.toString());
        assertThat(predict.exit()).as(predict.err()).isZero();
        assertThat(predict.out().strip().split(",")).hasSize(6);
        CliRun evaluate = CliRun.of("evaluate", model.toString(), "--dataset", csv.toString());
        assertThat(evaluate.exit()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("test RMSE").contains("naive (last value) RMSE");
    }

    @Test
    void badSeriesOptionsAreClearErrors() throws Exception {
        Path csv = SequenceFixtures.series(dir.resolve("short.csv"), 20, 12, 6);
        CliRun zero = CliRun.of("train", "lstm-forecaster", "--dataset", csv.toString(), "--series", "sales", "--horizon", "0",
                "--out", dir.resolve("a").toString());
        assertThat(zero.exit()).isNotZero();
        assertThat(zero.err()).contains("horizon must be at least 1");
        CliRun tooLong = CliRun.of("train", "lstm-forecaster", "--dataset", csv.toString(), "--series", "sales", "--out",
                dir.resolve("b").toString());
        assertThat(tooLong.exit()).isNotZero();
        assertThat(tooLong.err()).contains("window (24 steps) plus the horizon (6) is longer than the series (20 steps)");
        CliRun tableImpute = CliRun.of("train", "lstm-forecaster", "--dataset", csv.toString(), "--series", "sales",
                "--impute", "mean", "--out", dir.resolve("c").toString());
        assertThat(tableImpute.err()).contains("--impute linear");
    }
}
