package dev.netwright.engine.run;

import dev.netwright.engine.data.ArrayDataset;
import dev.netwright.engine.data.baseline.BaselineResult;
import dev.netwright.engine.data.baseline.LinearBaseline;
import dev.netwright.engine.data.text.TextEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * The yardstick for a text network: a Tribuo linear model on bag-of-words counts of the same encoded splits (token
 * order ignored). Counts the unknown token and the most frequent tokens, at most {@link #WIDTH} columns, which keeps
 * the dense Tribuo examples small whatever the vocabulary.
 */
final class BagOfWords {
    static final int WIDTH = 1000;

    private BagOfWords() {
    }

    /** Trains on the training split's counts and scores on the test split's. */
    public static BaselineResult baseline(TextEncoding encoding, ArrayDataset train, ArrayDataset test) {
        int width = Math.min(WIDTH, encoding.vocabulary().size() - 1);
        List<String> names = new ArrayList<>();
        for (int id = 1; id <= width; id++) {
            names.add("count(" + encoding.vocabulary().get(id) + ")");
        }
        return LinearBaseline.evaluate(counts(train, width), counts(test, width), names);
    }

    /** Token id rows to count rows: column id-1 counts token id (ids 1..width), padding and rarer tokens left out. */
    static ArrayDataset counts(ArrayDataset ids, int width) {
        int length = ids.sampleSize();
        float[] counts = new float[ids.size() * width];
        for (int i = 0; i < ids.size(); i++) {
            for (int t = 0; t < length; t++) {
                int id = (int) ids.features()[i * length + t];
                if (id >= 1 && id <= width) {
                    counts[i * width + id - 1]++;
                }
            }
        }
        return new ArrayDataset(ids.name() + "/bag-of-words", new long[] {width}, counts, ids.targets(),
                ids.targetWidth(), ids.task(), ids.classNames());
    }
}
