package dev.netwright.engine.run;

import dev.netwright.designer.model.Design;
import dev.netwright.designer.model.Edge;
import dev.netwright.designer.model.Node;

/**
 * What a design asks of its data: the Input shape, whether the Input feeds an Embedding (then samples are token ids
 * below {@code vocabSize}), and how many values the network outputs (a forecaster's horizon follows from it).
 *
 * @param shape     the Input shape, without batch
 * @param vocabSize the Embedding's vocabSize when the Input feeds one; 0 when it does not
 * @param outputs   values the network outputs per sample (0 when unknown)
 * @param recurrent whether the design has a recurrent layer (texts for it are padded at the front)
 */
record DesignInput(long[] shape, int vocabSize, long outputs, boolean recurrent) {
    private static final int DEFAULT_VOCABULARY = 1000;

    public DesignInput {
        shape = shape.clone();
    }

    /** A design input with no Embedding and an unknown output size. */
    public static DesignInput of(long[] shape) {
        return new DesignInput(shape, 0, 0, false);
    }

    /** Reads the Embedding (if the Input feeds one) from {@code design}. */
    public static DesignInput of(Design design, long[] shape, long outputs) {
        int vocabulary = 0;
        for (Node input : design.nodes()) {
            if (!input.type().equals("Input")) {
                continue;
            }
            for (Edge e : design.edges()) {
                Node next = e.from().equals(input.id()) ? design.node(e.to()).orElse(null) : null;
                if (next != null && next.type().equals("Embedding")) {
                    vocabulary = next.params().get("vocabSize") instanceof Number n ? n.intValue()
                            : DEFAULT_VOCABULARY;
                }
            }
        }
        boolean recurrent = design.nodes().stream().anyMatch(n -> n.type().equals("LSTM") || n.type().equals("GRU")
                || n.type().equals("SimpleRNN"));
        return new DesignInput(shape, vocabulary, outputs, recurrent);
    }

    public boolean takesTokens() {
        return vocabSize > 0;
    }
}
