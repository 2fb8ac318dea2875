package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;

import java.util.List;
import java.util.Random;

/** Two-dimensional toy sets: decision boundaries a linear model cannot draw, and a GAN target. */
final class PointClouds {

    private static final long[] SHAPE = {2};
    private static final ArrayDataset.Task C = ArrayDataset.Task.CLASSIFICATION;

    private PointClouds() {
    }

    static List<DatasetSource> all() {
        return List.of(
                new GeneratedDataset("moons", "Two interleaving half circles with Gaussian noise (sd 0.1)", SHAPE, C,
                        List.of("upper", "lower"), 2, 1000, 200, PointClouds::moons),
                new GeneratedDataset("circles", "A small circle inside a large one (radii 0.5 and 1, noise sd 0.05)",
                        SHAPE, C, List.of("outer", "inner"), 2, 1000, 200, PointClouds::circles),
                new GeneratedDataset("spirals", "Two intertwined spiral arms (two turns, noise sd 0.02)", SHAPE, C,
                        List.of("arm-a", "arm-b"), 2, 1000, 200, PointClouds::spirals),
                new GeneratedDataset("gaussian-mixture",
                        "Unlabelled 2-D points from 8 Gaussians (sd 0.02) on a ring of radius 2, for GANs", SHAPE,
                        ArrayDataset.Task.UNLABELLED, List.of(), 8, 4000, 800, PointClouds::ring));
    }

    private static void moons(int perClass, Random r, float[] f, float[] g) {
        int i = 0;
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < perClass; k++, i++) {
                double t = Math.PI * r.nextDouble();
                double x = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
                double y = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                put(f, g, i, c, x + 0.1 * r.nextGaussian(), y + 0.1 * r.nextGaussian());
            }
        }
        GeneratedDataset.shuffleRows(f, g, 2, r);
    }

    private static void circles(int perClass, Random r, float[] f, float[] g) {
        int i = 0;
        for (int c = 0; c < 2; c++) {
            double radius = c == 0 ? 1.0 : 0.5;
            for (int k = 0; k < perClass; k++, i++) {
                double t = 2 * Math.PI * r.nextDouble();
                put(f, g, i, c, radius * Math.cos(t) + 0.05 * r.nextGaussian(),
                        radius * Math.sin(t) + 0.05 * r.nextGaussian());
            }
        }
        GeneratedDataset.shuffleRows(f, g, 2, r);
    }

    private static void spirals(int perClass, Random r, float[] f, float[] g) {
        int i = 0;
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < perClass; k++, i++) {
                double t = r.nextDouble();
                double radius = 0.1 + 0.9 * t;
                double angle = 4 * Math.PI * t + c * Math.PI; // second arm is the first rotated by 180 degrees
                put(f, g, i, c, radius * Math.cos(angle) + 0.02 * r.nextGaussian(),
                        radius * Math.sin(angle) + 0.02 * r.nextGaussian());
            }
        }
        GeneratedDataset.shuffleRows(f, g, 2, r);
    }

    private static void ring(int perMode, Random r, float[] f, float[] g) {
        int i = 0;
        for (int m = 0; m < 8; m++) {
            double angle = 2 * Math.PI * m / 8;
            for (int k = 0; k < perMode; k++, i++) {
                put(f, g, i, m, 2 * Math.cos(angle) + 0.02 * r.nextGaussian(), 2 * Math.sin(angle) + 0.02 * r.nextGaussian());
            }
        }
        GeneratedDataset.shuffleRows(f, g, 2, r);
    }

    private static void put(float[] f, float[] g, int i, int group, double x, double y) {
        f[2 * i] = (float) x;
        f[2 * i + 1] = (float) y;
        g[i] = group;
    }
}
