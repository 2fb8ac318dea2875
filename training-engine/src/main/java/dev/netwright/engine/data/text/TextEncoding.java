package dev.netwright.engine.data.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted recipe from raw text to token ids, kept with a trained model (model.json) so prediction tokenises new
 * text exactly as training did. Id 0 pads short texts, id 1 stands for tokens outside the vocabulary, ids 2.. are
 * the training split's most frequent tokens (ties alphabetical, for determinism). Long texts keep their first
 * tokens; short ones are padded as {@link Padding} says.
 *
 * @param column     the text column it was fitted on
 * @param level      word or character tokens
 * @param length     tokens per sample: shorter texts are padded, longer ones cut after this many
 * @param padding    where the padding ids go
 * @param vocabulary token of each id, index = id, starting with {@link #PAD} and {@link #UNKNOWN}
 */
public record TextEncoding(String column, TokenLevel level, int length, Padding padding, List<String> vocabulary) {
    public static final String PAD = "<pad>";
    public static final String UNKNOWN = "<unk>";
    static final int PAD_ID = 0;
    static final int UNKNOWN_ID = 1;

    public TextEncoding {
        Objects.requireNonNull(level, "level");
        padding = padding == null ? Padding.END : padding;
        vocabulary = List.copyOf(vocabulary);
        if (length < 1) {
            throw new IllegalArgumentException("a text length must be at least 1 token, got " + length);
        }
        if (vocabulary.size() < 2 || !PAD.equals(vocabulary.get(0)) || !UNKNOWN.equals(vocabulary.get(1))) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and " + UNKNOWN);
        }
    }

    /**
     * Fits on the training texts: at most {@code vocabSize} ids in all (the design's Embedding size, reserved ids
     * included), so every id the encoder emits has a row in the embedding table.
     */
    public static TextEncoding fit(String column, List<String> trainingTexts, TokenLevel level, int vocabSize,
                                   int length, Padding padding) {
        if (vocabSize < 3) {
            throw new IllegalArgumentException("the Embedding's vocabSize is " + vocabSize + ": text needs at least 3 "
                    + "(padding, unknown and one token)");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String text : trainingTexts) {
            for (String t : Tokens.split(text, level)) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> vocabulary = new ArrayList<>(List.of(PAD, UNKNOWN));
        for (int i = 0; i < ranked.size() && vocabulary.size() < vocabSize; i++) {
            vocabulary.add(ranked.get(i).getKey());
        }
        return new TextEncoding(column, level, length, padding, vocabulary);
    }

    /** One text as ids, and what was lost on the way. */
    public record Encoded(float[] ids, int tokens, int unknown, boolean truncated) {
    }

    public Encoded encode(String text) {
        Map<String, Integer> index = index();
        return encode(text, index);
    }

    /** Encodes many texts into one row-major array of {@code texts.size() * length} ids, with counts of what was lost. */
    public EncodedTexts encodeAll(List<String> texts) {
        Map<String, Integer> index = index();
        float[] all = new float[texts.size() * length];
        int truncated = 0;
        long unknown = 0;
        long tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            Encoded e = encode(texts.get(i), index);
            System.arraycopy(e.ids(), 0, all, i * length, length);
            truncated += e.truncated() ? 1 : 0;
            unknown += e.unknown();
            tokens += e.tokens();
        }
        return new EncodedTexts(all, texts.size(), truncated, unknown, tokens);
    }

    /**
     * Row-major ids of many texts and the losses: rows longer than the length (cut), tokens outside the vocabulary
     * (counted over the whole text, kept part or not), tokens in all.
     */
    public record EncodedTexts(float[] ids, int rows, int truncatedRows, long unknownTokens, long tokens) {
        public String describe(String part) {
            return String.format(java.util.Locale.ROOT, "%s: %,d texts, %,d cut to the first tokens (longer than the "
                    + "Input length), %,d of %,d tokens unknown (%.1f%%, outside the vocabulary)", part, rows,
                    truncatedRows, unknownTokens, tokens, tokens == 0 ? 0.0 : 100.0 * unknownTokens / tokens);
        }
    }

    private Encoded encode(String text, Map<String, Integer> index) {
        List<String> tokens = Tokens.split(text, level);
        float[] ids = new float[length];
        int unknown = 0;
        int offset = padding == Padding.FRONT ? Math.max(0, length - tokens.size()) : 0;
        for (int i = 0; i < tokens.size(); i++) {
            Integer id = index.get(tokens.get(i));
            if (id == null) {
                unknown++;
            }
            if (i < length) {
                ids[offset + i] = id == null ? UNKNOWN_ID : id;
            }
        }
        return new Encoded(ids, tokens.size(), unknown, tokens.size() > length);
    }

    private Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 2; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        return index;
    }
}
