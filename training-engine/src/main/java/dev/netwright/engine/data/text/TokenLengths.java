package dev.netwright.engine.data.text;

import java.util.List;

/**
 * Tokens per text in a column (median, 95th percentile, longest): what a user needs to pick the Input length.
 * Percentiles are nearest-rank.
 */
public record TokenLengths(int texts, int median, int p95, int max) {

    public static TokenLengths of(List<String> texts, TokenLevel level) {
        int[] n = texts.stream().mapToInt(t -> Tokens.split(t, level).size()).sorted().toArray();
        if (n.length == 0) {
            return new TokenLengths(0, 0, 0, 0);
        }
        return new TokenLengths(n.length, rank(n, 0.5), rank(n, 0.95), n[n.length - 1]);
    }

    private static int rank(int[] sorted, double q) {
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    @Override
    public String toString() {
        return "tokens per text: median " + median + ", 95th percentile " + p95 + ", max " + max;
    }
}
