package dev.netwright.engine.data.tabular;

import dev.netwright.engine.data.ArrayDataset;

import java.util.List;

/** A loaded table: the dataset (shape [features]) and the encoding that produced it. */
public record TabularData(ArrayDataset dataset, TableEncoding encoding) {

    public List<String> featureNames() {
        return encoding.featureNames();
    }
}
