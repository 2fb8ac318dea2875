package dev.netwright.engine.train;


/**
 * Reduce-on-plateau: after {@code patience} epochs without improvement of the monitored metric, multiply the rate
 * by {@code factor} (never below {@code minRate}) and wait another {@code patience} epochs before the next cut.
 * Not thread-safe; owned by one training run.
 */
final class PlateauReducer {
    private final double factor;
    private final int patience;
    private final ImprovementTracker tracker;
    private double multiplier = 1.0;
    private int waited;

    public PlateauReducer(double factor, int patience, boolean higherIsBetter, double minDelta) {
        this.factor = factor;
        this.patience = patience;
        this.tracker = new ImprovementTracker(higherIsBetter, minDelta);
    }

    /** Records an epoch's metric; returns true when this call reduced the rate. */
    public boolean onEpochEnd(double metric) {
        if (tracker.offer(metric)) {
            waited = 0;
            return false;
        }
        waited++;
        if (waited >= patience) {
            multiplier *= factor;
            waited = 0;
            return true;
        }
        return false;
    }

    /** Rate to use given the scheduled rate. */
    public double apply(double scheduled, double minRate) {
        return Math.max(minRate, scheduled * multiplier);
    }

    public double multiplier() {
        return multiplier;
    }

    /** State for checkpoints. */
    public State state() {
        return new State(multiplier, waited, tracker.best());
    }

    public void restore(State state) {
        multiplier = state.multiplier();
        waited = state.waited();
        tracker.restore(state.best());
    }

    /** Serializable plateau state. */
    public record State(double multiplier, int waited, double best) {
    }
}
