package dev.netwright.engine.data.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.io.NumberInput;

/**
 * The fitted recipe from table rows to feature vectors; kept with a trained model so new rows (e.g. typed
 * into the try-it form) are encoded exactly like the training data.
 */
public record TableEncoding(List<ColumnEncoding> columns, String targetColumn, List<String> classNames) {

    public TableEncoding {
        columns = List.copyOf(columns);
        classNames = List.copyOf(classNames);
    }

    int width() {
        return columns.stream().mapToInt(ColumnEncoding::width).sum();
    }

    List<String> featureNames() {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.addAll(c.featureNames()));
        return names;
    }

    /**
     * Encodes one row given by column name. Missing cells take the column's fill value (error when there is
     * none); an unseen category encodes as all zeros, the usual one-hot convention.
     */
    public float[] encode(Map<String, String> row) {
        float[] out = new float[width()];
        int at = 0;
        for (ColumnEncoding c : columns) {
            String v = row.get(c.name());
            if (v == null || v.isBlank()) {
                if (c.fill() == null) {
                    throw new IllegalArgumentException("no value for column '" + c.name() + "'");
                }
                v = c.fill();
            }
            if (c.kind() == ColumnEncoding.Kind.NUMERIC) {
                try {
                    // the same float as Float.parseFloat (SampleReaderNumberTest), faster: table models'
                    // predictions parse every cell here
                    out[at] = NumberInput.parseFloat(v.trim(), true);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("column '" + c.name() + "': '" + v + "' is not a number");
                }
            } else {
                int k = c.categories().indexOf(v.trim());
                if (k >= 0) {
                    out[at + k] = 1f;
                }
            }
            at += c.width();
        }
        return out;
    }
}
