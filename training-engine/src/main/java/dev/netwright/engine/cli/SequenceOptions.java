package dev.netwright.engine.cli;

import dev.netwright.engine.data.series.MissingSteps;
import dev.netwright.engine.data.series.SeriesSettings;
import dev.netwright.engine.data.text.TextSettings;
import dev.netwright.engine.data.text.TokenLevel;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The text and time-series options of {@code train} and {@code sweep}. */
final class SequenceOptions {
    @Option(names = "--text", paramLabel = "COLUMN", description = "the table column holding free text (found "
            + "automatically when the design starts with an Embedding); tokenised on the training split only")
    String textColumn;

    @Option(names = "--char-level", description = "text: one token per character instead of per word")
    boolean characters;

    @Option(names = "--series", split = ",", paramLabel = "COLUMN",
            description = "forecast these time-ordered numeric columns (rows are steps, oldest first)")
    List<String> series;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN",
            description = "series: extra numeric columns the network sees in each window but does not forecast")
    List<String> features;

    @Option(names = "--window", paramLabel = "N", description = "series: input steps (default: the design's Input)")
    Integer window;

    @Option(names = "--horizon", paramLabel = "H", description = "series: steps to forecast (default: the design's "
            + "output size)")
    Integer horizon;

    @Option(names = "--season", defaultValue = "0", paramLabel = "N",
            description = "series: steps per season, for the seasonal-naive baseline (0: none)")
    int season;

    Optional<TextSettings> text() {
        if (textColumn == null && !characters) {
            return Optional.empty();
        }
        return Optional.of(new TextSettings(textColumn, characters ? TokenLevel.CHARACTER : TokenLevel.WORD));
    }

    /** The series settings; {@code impute} is the value of {@code --impute} (null, mean or linear). */
    Optional<SeriesSettings> series(String impute) {
        if (series == null || series.isEmpty()) {
            if (window != null || horizon != null || features != null || season != 0) {
                throw new IllegalArgumentException("--window, --horizon, --features and --season are for a "
                        + "forecast: name the series with --series COLUMN");
            }
            return Optional.empty();
        }
        MissingSteps missing = impute == null ? MissingSteps.REPORT : switch (impute) {
            case "linear" -> MissingSteps.LINEAR;
            default -> throw new IllegalArgumentException("a series fills missing values only with --impute linear, "
                    + "not --impute " + impute);
        };
        return Optional.of(new SeriesSettings(series, features, window, horizon, missing, season));
    }

    /** {@code --impute} for a table: mean/most frequent fill (the value {@code mean}, or the bare flag). */
    static boolean imputeTable(String impute) {
        if (impute == null) {
            return false;
        }
        if (!impute.equals("mean")) {
            throw new IllegalArgumentException("--impute " + impute + " is for a series (--series); a table fills "
                    + "missing values with --impute (mean / most frequent)");
        }
        return true;
    }
}
