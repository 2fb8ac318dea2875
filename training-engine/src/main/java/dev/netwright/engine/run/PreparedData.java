package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.data.prep.Normaliser;
import java.util.List;
import java.util.Optional;

/**
 * Data ready for training: splits already normalised with statistics fitted on the training split alone.
 *
 * @param train       training split
 * @param validation  validation split (empty when the run uses none)
 * @param test        test split
 * @param normaliser  the normalisation applied, kept with the model for prediction
 * @param classNames  class names in index order (classification)
 * @param task        what the targets mean
 * @param baseline    a linear model's score on the same test split (tabular data)
 * @param table       the column encoding of an uploaded table (empty for other data), saved with the model
 * @param text        the tokenisation fitted on the training split of a text table, saved with the model
 * @param series      the windows and scaling of a time series, chronologically split
 * @param notes       what preparation did that the user should know (rows cut, unknown tokens, values filled)
 */
public record PreparedData(ArrayDataset train, Optional<ArrayDataset> validation, ArrayDataset test,
                           Optional<Normaliser> normaliser, List<String> classNames, ArrayDataset.Task task,
                           Optional<BaselineResult> baseline,
                           Optional<dev.netwright.engine.data.tabular.TableEncoding> table,
                           Optional<dev.netwright.engine.data.text.TextEncoding> text,
                           Optional<dev.netwright.engine.data.series.SeriesWindows> series, List<String> notes) {
    public PreparedData {
        classNames = List.copyOf(classNames);
        notes = List.copyOf(notes);
    }
}
