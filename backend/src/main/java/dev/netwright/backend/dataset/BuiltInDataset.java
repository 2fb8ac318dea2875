package dev.netwright.backend.dataset;

import dev.netwright.engine.data.builtin.BuiltinCatalog;
import dev.netwright.engine.run.DataPreparation;
import java.util.List;

/**
 * A dataset that ships with Netwright (loaded by the training engine, not uploaded).
 *
 * @param id          stable id a run names
 * @param title       display name
 * @param kind        IMAGE, TABULAR, SEQUENCE or SYNTHETIC
 * @param task        classification, regression or generation
 * @param inputShape  one sample's shape without the batch dimension
 * @param classes     number of classes (0 for regression)
 * @param samples     rows/images in the full set (for synthetic sets: the default size)
 * @param description what it is
 */
public record BuiltInDataset(String id, String title, String kind, String task, List<Integer> inputShape,
                             int classes, int samples, String description) {

    /** The fixed list for now; the loaders live in the training engine. */
    public static final List<BuiltInDataset> ALL = List.of(
            new BuiltInDataset("fashion-mnist", "Fashion-MNIST", "IMAGE", "classification", List.of(1, 28, 28), 10,
                    70_000, "28x28 grey images of clothing in 10 classes (60k train, 10k test)"),
            new BuiltInDataset("iris", "Iris", "TABULAR", "classification", List.of(4), 3, 150,
                    "Fisher's iris flowers: 4 measurements, 3 species"),
            new BuiltInDataset("wine", "Wine", "TABULAR", "classification", List.of(13), 3, 178,
                    "Chemical analysis of wines from 3 cultivars"),
            new BuiltInDataset("breast-cancer", "Breast cancer (Wisconsin)", "TABULAR", "classification",
                    List.of(30), 2, 569, "30 features of cell nuclei, malignant or benign"),
            new BuiltInDataset("digits", "Digits", "IMAGE", "classification", List.of(1, 8, 8), 10, 1_797,
                    "8x8 images of handwritten digits"),
            new BuiltInDataset("diabetes", "Diabetes", "TABULAR", "regression", List.of(10), 0, 442,
                    "10 baseline variables, disease progression one year later"),
            new BuiltInDataset("moons", "Two moons", "SYNTHETIC", "classification", List.of(2), 2, 1_000,
                    "Two interleaving half circles in 2-D"),
            new BuiltInDataset("circles", "Circles", "SYNTHETIC", "classification", List.of(2), 2, 1_000,
                    "A small circle inside a large one in 2-D"),
            new BuiltInDataset("spirals", "Spirals", "SYNTHETIC", "classification", List.of(2), 3, 1_500,
                    "Interleaved 2-D spirals, one per class"),
            new BuiltInDataset("sine-sequences", "Sine sequences", "SEQUENCE", "regression", List.of(50, 1), 0,
                    2_000, "Noisy sine waves; predict the next value"),
            new BuiltInDataset("token-sequences", "Token sequences", "SEQUENCE", "classification", List.of(32), 2,
                    2_000, "Integer token sequences labelled by a hidden rule, for embeddings and attention"),
            new BuiltInDataset("gaussian-mixture", "Gaussian mixture", "SYNTHETIC", "generation", List.of(2), 0,
                    5_000, "Samples from a ring of 2-D Gaussians, for GANs"));

    /**
     * Samples of the training split the engine makes of built-in set {@code id}, before the validation share: its
     * own training split (Fashion-MNIST: 60,000 of 70,000), capped by {@code limit} when above 0 as the engine caps it.
     */
    public static long trainSplit(String id, Integer limit) {
        long train = BuiltinCatalog.standard().info(id).trainSize();
        return limit != null && limit > 0 ? Math.min(limit, train) : train;
    }

    /** Samples of the training split the engine makes of an upload of {@code samples}: all but its test split. */
    public static long uploadTrainSplit(long samples) {
        return samples - Math.round(samples * DataPreparation.TEST_FRACTION);
    }
}
