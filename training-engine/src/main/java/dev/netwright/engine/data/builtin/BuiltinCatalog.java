package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.TrainTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets every installation offers. All are listed even when their Debian package is missing, so
 * the UI can show them with an install hint; loading one that is missing throws
 * {@link dev.netwright.engine.data.builtin.DatasetUnavailableException} naming the package.
 */
public final class BuiltinCatalog {

    private final Map<String, DatasetSource> sources = new LinkedHashMap<>();

    BuiltinCatalog(DataLocations locations) {
        List<DatasetSource> all = new ArrayList<>();
        all.add(new FashionMnist(locations.fashionMnistDir()));
        all.addAll(SklearnDataset.all(locations.sklearnDataDir()));
        all.addAll(PointClouds.all());
        all.addAll(Sequences.all());
        for (DatasetSource s : all) {
            sources.put(s.info().id(), s);
        }
    }

    /** Catalog over the standard Debian locations. */
    public static BuiltinCatalog standard() {
        return new BuiltinCatalog(DataLocations.detect());
    }

    /** Every built-in dataset, installed or not, in a stable order. */
    public List<BuiltinDataset> list() {
        return sources.values().stream().map(DatasetSource::info).toList();
    }

    public BuiltinDataset info(String id) {
        return source(id).info();
    }

    public boolean isAvailable(String id) {
        return source(id).available();
    }

    public TrainTest load(String id, LoadOptions options) {
        return source(id).load(options);
    }

    public TrainTest load(String id) {
        return load(id, LoadOptions.DEFAULT);
    }

    private DatasetSource source(String id) {
        DatasetSource s = sources.get(id);
        if (s == null) {
            throw new DatasetException(id, null, "no built-in dataset has this id; known: " + sources.keySet());
        }
        return s;
    }
}
