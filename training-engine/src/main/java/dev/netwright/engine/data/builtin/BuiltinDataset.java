package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Catalog entry of a built-in dataset: what the UI lists, whether or not its files are installed.
 *
 * @param debianPackage the package that ships the data, empty for generated datasets
 */
public record BuiltinDataset(String id, String description, long[] sampleShape, ArrayDataset.Task task,
                             List<String> classNames, int trainSize, int testSize,
                             Optional<String> debianPackage) {

    public BuiltinDataset {
        sampleShape = sampleShape.clone();
        classNames = List.copyOf(classNames);
    }

    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    public boolean generated() {
        return debianPackage.isEmpty();
    }

    @Override
    public String toString() {
        return id + " " + Arrays.toString(sampleShape) + " " + task + " " + trainSize + "/" + testSize;
    }
}
