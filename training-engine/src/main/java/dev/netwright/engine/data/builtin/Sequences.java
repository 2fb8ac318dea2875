package dev.netwright.engine.data.builtin;

import dev.netwright.engine.data.ArrayDataset;

import java.util.List;
import java.util.Random;

/** Sequence toy sets for recurrent and attention designs. */
final class Sequences {

    /** Time steps of a sine sequence. */
    static final int SINE_STEPS = 50;
    /** Tokens per sequence and vocabulary size of token-sequences. */
    static final int TOKEN_STEPS = 32;
    static final int VOCAB = 64;
    /** Token ids with a meaning in token-sequences; 0 is reserved for padding and never generated. */
    static final int TOKEN_A = 1;
    static final int TOKEN_B = 2;
    private static final int FIRST_FILLER = 3;

    private static final ArrayDataset.Task C = ArrayDataset.Task.CLASSIFICATION;

    private Sequences() {
    }

    static List<DatasetSource> all() {
        return List.of(
                new GeneratedDataset("sine-sequences",
                        "Noisy sine waves of 50 steps (random phase, amplitude 0.8-1.2, noise sd 0.1); class = "
                                + "frequency, 1 to 4 cycles per sequence", new long[] {SINE_STEPS, 1}, C,
                        List.of("1 cycle", "2 cycles", "3 cycles", "4 cycles"), 4, 2000, 400, Sequences::sines),
                new GeneratedDataset("token-sequences",
                        "Sequences of 32 token ids (vocabulary 64, id 0 = padding, never used): random filler tokens "
                                + "3..63 plus 1-8 copies each of token 1 ('A') and token 2 ('B') at random places; "
                                + "class = which of A and B occurs more often (never a tie). Needs counting over the "
                                + "whole sequence, which attention learns well", new long[] {TOKEN_STEPS}, C,
                        List.of("more A", "more B"), 2, 2000, 400, Sequences::tokens));
    }

    private static void sines(int perClass, Random r, float[] f, float[] g) {
        int i = 0;
        for (int c = 0; c < 4; c++) {
            int cycles = c + 1;
            for (int k = 0; k < perClass; k++, i++) {
                double phase = 2 * Math.PI * r.nextDouble();
                double amplitude = 0.8 + 0.4 * r.nextDouble();
                for (int t = 0; t < SINE_STEPS; t++) {
                    double v = amplitude * Math.sin(2 * Math.PI * cycles * t / SINE_STEPS + phase);
                    f[i * SINE_STEPS + t] = (float) (v + 0.1 * r.nextGaussian());
                }
                g[i] = c;
            }
        }
        GeneratedDataset.shuffleRows(f, g, SINE_STEPS, r);
    }

    private static void tokens(int perClass, Random r, float[] f, float[] g) {
        int i = 0;
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < perClass; k++, i++) {
                int few = 1 + r.nextInt(7);               // 1..7
                int many = few + 1 + r.nextInt(8 - few);  // few+1..8
                int countA = c == 0 ? many : few;
                int countB = c == 0 ? few : many;
                int base = i * TOKEN_STEPS;
                for (int t = 0; t < TOKEN_STEPS; t++) {
                    f[base + t] = FIRST_FILLER + r.nextInt(VOCAB - FIRST_FILLER);
                }
                // Distinct positions: a partial Fisher-Yates over 0..T-1.
                int[] pos = new int[TOKEN_STEPS];
                for (int t = 0; t < TOKEN_STEPS; t++) {
                    pos[t] = t;
                }
                for (int t = 0; t < countA + countB; t++) {
                    int j = t + r.nextInt(TOKEN_STEPS - t);
                    int tmp = pos[t];
                    pos[t] = pos[j];
                    pos[j] = tmp;
                    f[base + pos[t]] = t < countA ? TOKEN_A : TOKEN_B;
                }
                g[i] = c;
            }
        }
        GeneratedDataset.shuffleRows(f, g, TOKEN_STEPS, r);
    }
}
