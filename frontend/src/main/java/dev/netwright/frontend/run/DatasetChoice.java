package dev.netwright.frontend.run;

import dev.netwright.backend.dataset.BuiltInDataset;
import dev.netwright.backend.dataset.DatasetService;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the launch dialog's dataset list: a built-in dataset or an upload of the project.
 *
 * @param columns     column names of an uploaded table (the target column is one of them); empty otherwise
 * @param textColumns the columns the upload's preview found to hold free text
 */
record DatasetChoice(String builtin, UUID upload, String label, long samples, boolean table, boolean regression,
                     List<String> columns, List<String> textColumns) {

    /**
     * Samples of the training split the engine makes of this dataset, before the validation share: a built-in set's
     * own training split (capped by {@code limit} when above 0, as the engine caps it), or an upload less its test
     * split.
     */
    long trainSplit(Integer limit) {
        return builtin != null ? BuiltInDataset.trainSplit(builtin, limit) : BuiltInDataset.uploadTrainSplit(samples);
    }

    static DatasetChoice of(BuiltInDataset b) {
        return new DatasetChoice(b.id(), null, "Built-in · " + b.title() + " (" + b.task() + ", "
                + String.format("%,d", b.samples()) + " samples)", b.samples(), false, b.task().equals("regression"),
                List.of(), List.of());
    }

    static DatasetChoice of(DatasetService.Dataset d) {
        Map<String, Object> s = d.summary() == null ? Map.of() : d.summary();
        boolean table = !d.kind().equals("IMAGE_ZIP");
        long samples = s.get(table ? "rows" : "images") instanceof Number n ? n.longValue() : 0;
        List<String> columns = SequenceFields.columns(s);
        List<String> text = SequenceFields.textColumns(s);
        return new DatasetChoice(null, d.id(), "Uploaded · " + d.name() + " (" + String.format("%,d", samples)
                + (table ? " rows)" : " images)"), samples, table, false, columns, text);
    }
}
