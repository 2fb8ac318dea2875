package dev.netwright.engine.train;

import dev.netwright.engine.data.ArrayDataset;

import java.util.List;
import java.util.Random;

/** Small synthetic datasets generated in the test itself. */
final class TestData {
    private TestData() {
    }

    /** Two interleaving half circles with Gaussian noise; classes "upper" and "lower". */
    static ArrayDataset twoMoons(int n, double noise, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = Math.PI * r.nextDouble();
            double px = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + noise * r.nextGaussian());
            x[2 * i + 1] = (float) (py + noise * r.nextGaussian());
            y[i] = c;
        }
        return new ArrayDataset("moons", new long[] {2}, x, y, 1, ArrayDataset.Task.CLASSIFICATION,
                List.of("upper", "lower"));
    }

    /** y = 3 x1 - 2 x2 + 0.5 + noise, x uniform in [-1, 1]. */
    static ArrayDataset linear(int n, double noise, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            x[2 * i] = (float) a;
            x[2 * i + 1] = (float) b;
            y[i] = (float) (3 * a - 2 * b + 0.5 + noise * r.nextGaussian());
        }
        return new ArrayDataset("linear", new long[] {2}, x, y, 1, ArrayDataset.Task.REGRESSION, List.of());
    }

    /** Unlabelled 2-D Gaussian around (mx, my). */
    static ArrayDataset gaussian(int n, double mx, double my, double sd, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (mx + sd * r.nextGaussian());
            x[2 * i + 1] = (float) (my + sd * r.nextGaussian());
        }
        return new ArrayDataset("gauss", new long[] {2}, x, new float[0], 0, ArrayDataset.Task.UNLABELLED,
                List.of());
    }
}
