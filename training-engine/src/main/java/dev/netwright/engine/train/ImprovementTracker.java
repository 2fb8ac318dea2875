package dev.netwright.engine.train;

/**
 * Tracks the best value of a metric and how many offers in a row failed to beat it by more than
 * {@code minDelta}. Shared by early stopping, reduce-on-plateau and best-checkpoint selection so they agree
 * on what "improved" means. NaN never counts as an improvement.
 */
final class ImprovementTracker {
    private final boolean higherIsBetter;
    private final double minDelta;
    private double best = Double.NaN;
    private int sinceImprovement;

    public ImprovementTracker(boolean higherIsBetter, double minDelta) {
        this.higherIsBetter = higherIsBetter;
        this.minDelta = minDelta;
    }

    /** Offers a value; returns true when it is the new best. */
    public boolean offer(double value) {
        boolean improved = !Double.isNaN(value) && (Double.isNaN(best)
                || (higherIsBetter ? value > best + minDelta : value < best - minDelta));
        if (improved) {
            best = value;
            sinceImprovement = 0;
        } else {
            sinceImprovement++;
        }
        return improved;
    }

    /** Best value so far, NaN before the first offer. */
    public double best() {
        return best;
    }

    /** Offers since the last improvement. */
    public int sinceImprovement() {
        return sinceImprovement;
    }

    /** Restores from a checkpoint. */
    public void restore(double bestValue, int offersSinceImprovement) {
        best = bestValue;
        sinceImprovement = offersSinceImprovement;
    }

    public void restore(double bestValue) {
        restore(bestValue, 0);
    }
}
