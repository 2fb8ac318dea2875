package dev.netwright.frontend.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The time a run has left, from the rate it is going at now: batches done over the last {@link #WINDOW} of wall-clock
 * time (epoch ends, validation and checkpoints included), times the batches still to go. The engine's own figure
 * averages from the start, so the slow first epoch (warm-up) kept it far too high for the rest of the run.
 */
final class RemainingTime {
    static final Duration WINDOW = Duration.ofSeconds(20);
    private final Deque<Point> points = new ArrayDeque<>();

    private record Point(Instant at, long batchesDone) {
    }

    /** Notes that batch {@code batch} (1-based) of {@code epoch} finished at {@code at}. */
    void batch(Instant at, int epoch, int batch, int batchesPerEpoch) {
        add(at, (long) (epoch - 1) * batchesPerEpoch + batch);
    }

    /** Notes that {@code epoch} ended at {@code at} (its validation and checkpoint done). */
    void epochEnd(Instant at, int epoch, int batchesPerEpoch) {
        add(at, (long) epoch * batchesPerEpoch);
    }

    private void add(Instant at, long done) {
        if (!points.isEmpty() && done < points.peekLast().batchesDone()) {
            points.clear(); // a resumed run starts counting again
        }
        points.addLast(new Point(at, done));
        while (points.size() > 2 && Duration.between(points.peekFirst().at(), at).compareTo(WINDOW) > 0) {
            points.removeFirst();
        }
    }

    /** What is left until {@code totalEpochs} of {@code batchesPerEpoch} batches; empty until a rate is measured. */
    Optional<Duration> left(int totalEpochs, int batchesPerEpoch) {
        if (points.size() < 2) {
            return Optional.empty();
        }
        Point first = points.peekFirst();
        Point last = points.peekLast();
        long batches = last.batchesDone() - first.batchesDone();
        long nanos = Duration.between(first.at(), last.at()).toNanos();
        if (batches <= 0 || nanos <= 0) {
            return Optional.empty();
        }
        long toGo = Math.max(0, (long) totalEpochs * batchesPerEpoch - last.batchesDone());
        return Optional.of(Duration.ofNanos(Math.round((double) nanos / batches * toGo)));
    }
}
