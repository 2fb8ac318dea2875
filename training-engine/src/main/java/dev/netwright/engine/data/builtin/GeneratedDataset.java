package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.TrainTest;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A synthetic dataset made from a seed: nothing to install, and the same seed always gives the same
 * samples. Train and test come from independent random streams so a test set never repeats training data.
 */
final class GeneratedDataset implements DatasetSource {

    /** Makes exactly {@code perClass} samples of every class (or mixture component), shuffled. */
    interface Generator {
        /** Fills {@code features} (perGroup * groups rows) and {@code targets} with a balanced sample. */
        void generate(int perGroup, Random random, float[] features, float[] targets);
    }

    private final BuiltinDataset info;
    private final int groups;
    private final Generator generator;

    GeneratedDataset(String id, String description, long[] shape, ArrayDataset.Task task, List<String> classes,
                     int groups, int trainSize, int testSize, Generator generator) {
        this.info = new BuiltinDataset(id, description, shape, task, classes, trainSize, testSize, Optional.empty());
        this.groups = groups;
        this.generator = generator;
    }

    @Override
    public BuiltinDataset info() {
        return info;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public TrainTest load(LoadOptions options) {
        // Distinct, fixed derivations of the seed for the two parts.
        Random trainRandom = new Random(options.seed() * 0x9E3779B97F4A7C15L + 1);
        Random testRandom = new Random(options.seed() * 0x9E3779B97F4A7C15L + 2);
        return new TrainTest(make(info.id() + "/train", options.cap(info.trainSize()), trainRandom),
                make(info.id() + "/test", options.cap(info.testSize()), testRandom));
    }

    private ArrayDataset make(String name, int wanted, Random random) {
        int perGroup = Math.max(1, wanted / groups);
        int n = perGroup * groups;
        int width = 1;
        for (long d : info.sampleShape()) {
            width *= (int) d;
        }
        boolean labelled = info.task() != ArrayDataset.Task.UNLABELLED;
        float[] features = new float[n * width];
        float[] groupOf = new float[n];
        generator.generate(perGroup, random, features, groupOf);
        return new ArrayDataset(name, info.sampleShape(), features, labelled ? groupOf : new float[0],
                labelled ? 1 : 0, info.task(), info.classNames());
    }

    /** Fisher-Yates over rows of {@code width}, keeping each row's group in step. */
    static void shuffleRows(float[] features, float[] groupOf, int width, Random random) {
        int n = groupOf.length;
        float[] tmp = new float[width];
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            System.arraycopy(features, i * width, tmp, 0, width);
            System.arraycopy(features, j * width, features, i * width, width);
            System.arraycopy(tmp, 0, features, j * width, width);
            float g = groupOf[i];
            groupOf[i] = groupOf[j];
            groupOf[j] = g;
        }
    }
}
