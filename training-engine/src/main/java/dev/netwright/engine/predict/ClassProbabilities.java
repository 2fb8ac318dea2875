package dev.netwright.engine.predict;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Class name to probability, in class order, as an immutable map read from the batch's output array instead of
 * entries copied into a new map per answer; see
 * {@link OutputValues}. Outputs beyond the class list are named "class N".
 */
final class ClassProbabilities extends AbstractMap<String, Double> {
    private final List<String> classes;
    private final float[] probabilities;
    private final int from;
    private final int size;

    ClassProbabilities(List<String> classes, float[] probabilities, int from, int size) {
        this.classes = classes;
        this.probabilities = probabilities;
        this.from = from;
        this.size = size;
    }

    /** The name of output {@code j}. */
    static String name(List<String> classes, int j) {
        return j < classes.size() ? classes.get(j) : "class " + j;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Double get(Object key) {
        for (int j = 0; j < size; j++) {
            if (name(classes, j).equals(key)) {
                return (double) probabilities[from + j];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int j = next++;
                        return new SimpleImmutableEntry<>(name(classes, j), (double) probabilities[from + j]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
