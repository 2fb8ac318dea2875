package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.DatasetException;
import dev.netwright.engine.data.TrainTest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Fashion-MNIST from the gzipped IDX files of the Debian package dataset-fashion-mnist. */
final class FashionMnist implements DatasetSource {

    static final String PACKAGE = "dataset-fashion-mnist";
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int SIDE = 28;
    private static final int IMAGE_MAGIC = 0x803;
    private static final int LABEL_MAGIC = 0x801;

    private final Path dir;

    FashionMnist(Path dir) {
        this.dir = dir;
    }

    @Override
    public BuiltinDataset info() {
        return new BuiltinDataset("fashion-mnist",
                "Zalando Fashion-MNIST: 28x28 grey images of clothing in 10 classes, pixels scaled to [0, 1]",
                new long[] {1, SIDE, SIDE}, ArrayDataset.Task.CLASSIFICATION, CLASSES, 60_000, 10_000,
                Optional.of(PACKAGE));
    }

    @Override
    public boolean available() {
        return List.of("train", "t10k").stream().allMatch(p -> Files.isReadable(images(p)) && Files.isReadable(labels(p)));
    }

    @Override
    public TrainTest load(LoadOptions options) {
        if (!available()) {
            throw new DatasetUnavailableException("fashion-mnist", PACKAGE, dir.toString());
        }
        return new TrainTest(read("train", "fashion-mnist/train", options.cap(60_000)),
                read("t10k", "fashion-mnist/test", options.cap(10_000)));
    }

    private Path images(String part) {
        return dir.resolve(part + "-images-idx3-ubyte.gz");
    }

    private Path labels(String part) {
        return dir.resolve(part + "-labels-idx1-ubyte.gz");
    }

    private ArrayDataset read(String part, String name, int limit) {
        byte[] labelBytes = readIdx(labels(part), LABEL_MAGIC, limit, 1);
        byte[] pixelBytes = readIdx(images(part), IMAGE_MAGIC, limit, SIDE * SIDE);
        int n = labelBytes.length;
        if (pixelBytes.length != n * SIDE * SIDE) {
            throw new DatasetException(images(part).toString(), null, "holds " + pixelBytes.length / (SIDE * SIDE)
                    + " images but the label file holds " + n + " labels");
        }
        float[] features = new float[pixelBytes.length];
        for (int i = 0; i < features.length; i++) {
            features[i] = (pixelBytes[i] & 0xff) / 255f;
        }
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            int label = labelBytes[i] & 0xff;
            if (label >= CLASSES.size()) {
                throw new DatasetException(labels(part).toString(), "item " + i, "label " + label + " is not in 0..9");
            }
            targets[i] = label;
        }
        return new ArrayDataset(name, new long[] {1, SIDE, SIDE}, features, targets, 1,
                ArrayDataset.Task.CLASSIFICATION, CLASSES);
    }

    /** Reads the first {@code limit} items of an IDX file whose items are {@code itemSize} unsigned bytes. */
    private static byte[] readIdx(Path file, int magic, int limit, int itemSize) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
            int m = in.readInt();
            if (m != magic) {
                throw new DatasetException(file.toString(), "header", String.format(
                        "magic number 0x%08x, expected 0x%08x (not an IDX file of this kind)", m, magic));
            }
            int count = in.readInt();
            for (int d = 1; d < (magic & 0xff); d++) {
                int dim = in.readInt();
                if (dim != SIDE) {
                    throw new DatasetException(file.toString(), "header", "image side " + dim + ", expected " + SIDE);
                }
            }
            int n = Math.min(count, limit);
            byte[] data = new byte[n * itemSize];
            in.readFully(data);
            return data;
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), null, "file ends before the count its header announces", e);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), null, "cannot read: " + e.getMessage(), e);
        }
    }
}
