package dev.netwright.engine.data.baseline;

import dev.netwright.engine.data.ArrayDataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Turns dense float rows into Tribuo examples (Tribuo works on named, sparse features). */
final class TribuoConversion {

    private TribuoConversion() {
    }

    static String[] featureNames(int width, List<String> given) {
        if (given != null && given.size() == width && given.stream().distinct().count() == width) {
            return given.toArray(String[]::new);
        }
        String[] names = new String[width];
        for (int j = 0; j < width; j++) {
            names[j] = String.format("f%05d", j);
        }
        return names;
    }

    static <T extends Output<T>> List<Example<T>> examples(ArrayDataset data, String[] names, IntFunction<T> output) {
        int w = data.sampleSize();
        float[] x = data.features();
        List<Example<T>> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            double[] values = new double[w];
            for (int j = 0; j < w; j++) {
                values[j] = x[i * w + j];
            }
            out.add(new ArrayExample<>(output.apply(i), names, values));
        }
        return out;
    }

    static <T extends Output<T>> MutableDataset<T> dataset(String description, OutputFactory<T> factory,
                                                           List<Example<T>> examples) {
        MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
        ds.addAll(examples);
        return ds;
    }
}
