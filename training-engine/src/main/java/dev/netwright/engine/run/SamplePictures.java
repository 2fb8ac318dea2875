package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.render.SampleImages;
import dev.netwright.engine.train.GanEpochMetrics;
import dev.netwright.engine.train.GeneratedSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes each epoch's generated samples as a PNG ({@code samples/epoch-NNN.png}): an image grid for image GANs, a
 * scatter of generated against real points for 2-D data; then passes everything on, the picture included.
 */
final class SamplePictures implements RunListener {
    private final RunListener next;
    private final Path dir;
    private final float[] realPoints;

    SamplePictures(RunListener next, Path dir, ArrayDataset real) {
        this.next = next;
        this.dir = dir;
        int n = Math.min(real.size(), 500);
        this.realPoints = real.sampleSize() == 2 ? Arrays.copyOf(real.features(), n * 2) : new float[0];
    }

    @Override
    public void onSamples(GeneratedSamples samples) {
        long[] shape = samples.sampleShape();
        byte[] png = null;
        if (shape.length == 3 && (shape[0] == 1 || shape[0] == 3)) {
            png = SampleImages.imageGrid(samples.values(), samples.count(), (int) shape[0], (int) shape[1],
                    (int) shape[2], -1f, 1f, (int) Math.ceil(Math.sqrt(samples.count())), 3);
        } else if (shape.length == 1 && shape[0] == 2) {
            png = SampleImages.scatter(realPoints, samples.values(), 400);
        }
        if (png != null) {
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve(String.format(Locale.ROOT, "epoch-%03d.png", samples.epoch())), png);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write generated samples to " + dir, e);
            }
        }
        next.onSamples(samples);
        if (png != null) {
            next.onSamplePicture(samples.epoch(), png);
        }
    }

    @Override
    public void onBatch(dev.netwright.engine.train.GanBatchMetrics metrics) {
        next.onBatch(metrics);
    }

    @Override
    public void onEpoch(GanEpochMetrics metrics) {
        next.onEpoch(metrics);
    }

    @Override
    public void onMessage(String message) {
        next.onMessage(message);
    }
}
