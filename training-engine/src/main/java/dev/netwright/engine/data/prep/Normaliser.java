package dev.netwright.engine.data.prep;

import dev.netwright.engine.data.ArrayDataset;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Per-feature affine normalisation {@code (x - offset) / scale}, fitted on training data only so that no
 * statistic of validation or test data leaks into training. Immutable; saved with a trained model as
 * properties text and applied to new inputs at prediction time.
 */
public record Normaliser(Kind kind, float[] offset, float[] scale) {

    public enum Kind {
        /** Zero mean, unit variance per feature. */
        STANDARDISE,
        /** Each feature mapped to [0, 1] over the training range. */
        MIN_MAX,
        /** Fixed, not fitted: ImageNet's mean and standard deviation per colour channel (see ImagePreprocessing). */
        IMAGENET
    }

    public Normaliser {
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("offset and scale lengths differ");
        }
        offset = offset.clone();
        scale = scale.clone();
    }

    /** Fits on {@code train}; a constant feature gets scale 1 so it maps to 0 instead of dividing by zero. */
    public static Normaliser fit(ArrayDataset train, Kind kind) {
        int w = train.sampleSize();
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a normaliser on the empty dataset " + train.name());
        }
        float[] x = train.features();
        float[] offset = new float[w];
        float[] scale = new float[w];
        for (int j = 0; j < w; j++) {
            double a;
            double b;
            if (kind == Kind.STANDARDISE) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x[i * w + j];
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i * w + j] - mean;
                    ss += d * d;
                }
                a = mean;
                b = Math.sqrt(ss / n);
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, x[i * w + j]);
                    max = Math.max(max, x[i * w + j]);
                }
                a = min;
                b = max - min;
            }
            offset[j] = (float) a;
            scale[j] = b > 1e-12 ? (float) b : 1f;
        }
        return new Normaliser(kind, offset, scale);
    }

    /** A copy: the record stays immutable. */
    @Override
    public float[] offset() {
        return offset.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public float[] scale() {
        return scale.clone();
    }

    public int width() {
        return offset.length;
    }

    /** Normalises one sample (a new array). */
    public float[] apply(float[] sample) {
        if (sample.length != width()) {
            throw new IllegalArgumentException("sample has " + sample.length + " values, normaliser expects " + width());
        }
        return applyRows(sample);
    }

    /**
     * Writes sample {@code rows[from .. from + width)} normalised into {@code out} at its position (the same float
     * operations as {@link #apply(float[])}), for callers filling a native buffer without an intermediate array.
     */
    public void applyInto(float[] rows, int from, java.nio.FloatBuffer out) {
        for (int j = 0; j < offset.length; j++) {
            out.put((rows[from + j] - offset[j]) / scale[j]);
        }
    }

    /** Normalises every sample of {@code data} (a new dataset, same targets). */
    public ArrayDataset apply(ArrayDataset data) {
        if (data.sampleSize() != width()) {
            throw new IllegalArgumentException(data.name() + " has " + data.sampleSize()
                    + " values per sample, normaliser expects " + width());
        }
        return data.withFeatures(applyRows(data.features()));
    }

    /** Normalises consecutive whole samples (laid out row after row) into a new array. */
    private float[] applyRows(float[] rows) {
        int w = width();
        if (rows.length % w != 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole samples of " + w);
        }
        float[] out = new float[rows.length];
        for (int from = 0; from < rows.length; from += w) {
            for (int j = 0; j < w; j++) {
                out[from + j] = (rows[from + j] - offset[j]) / scale[j];
            }
        }
        return out;
    }

    /** Properties text: {@code kind}, {@code width}, {@code offset} and {@code scale} as comma-separated floats. */
    public String toText() {
        Properties p = new Properties();
        p.setProperty("kind", kind.name());
        p.setProperty("width", Integer.toString(width()));
        p.setProperty("offset", join(offset));
        p.setProperty("scale", join(scale));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "netwright normaliser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads what {@link #toText} wrote; floats round-trip exactly. */
    public static Normaliser fromText(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String k = p.getProperty("kind");
        String w = p.getProperty("width");
        if (k == null || w == null || p.getProperty("offset") == null || p.getProperty("scale") == null) {
            throw new IllegalArgumentException("normaliser text lacks kind, width, offset or scale");
        }
        float[] offset = parse(p.getProperty("offset"));
        float[] scale = parse(p.getProperty("scale"));
        if (offset.length != Integer.parseInt(w.trim())) {
            throw new IllegalArgumentException("normaliser text says width " + w + " but has " + offset.length + " offsets");
        }
        return new Normaliser(Kind.valueOf(k.trim()), offset, scale);
    }

    private static String join(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]); // Float.toString is the shortest text that parses back to the same float
        }
        return sb.toString();
    }

    private static float[] parse(String s) {
        if (s.isBlank()) {
            return new float[0];
        }
        String[] parts = s.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i].trim());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normaliser other && kind == other.kind && Arrays.equals(offset, other.offset)
                && Arrays.equals(scale, other.scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(offset)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normaliser[" + kind + ", width " + width() + "]";
    }
}
