package dev.netwright.engine.train.config;

/** Shared argument checks so every config record reports problems the same way. */
final class Checks {
    private Checks() {
    }

    static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }

    static void nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + v);
        }
    }

    static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }

    static void nonNegative(String what, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + v);
        }
    }

    /** Value in [0, 1) (or [0, 1] never: a decay of 1 would freeze the statistic). */
    static void inUnitInterval(String what, double v, boolean zeroAllowed) {
        boolean ok = zeroAllowed ? v >= 0 && v < 1 : v > 0 && v < 1;
        if (!ok) {
            throw new IllegalArgumentException(what + " must be in " + (zeroAllowed ? "[0, 1)" : "(0, 1)")
                    + ", got " + v);
        }
    }
}
