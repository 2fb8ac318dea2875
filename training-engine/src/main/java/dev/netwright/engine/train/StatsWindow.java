package dev.netwright.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.ArrayList;
import java.util.List;

/**
 * The reports of the last few training steps, read to the host together. Copying a step's loss, accuracy and
 * gradient norms to the host waits until the device has finished everything queued; doing that after every batch
 * keeps a GPU idle while the host prepares and queues the next one. The window holds up to {@code size} steps'
 * vectors on the device and reads them in one copy, so the host queues that many batches ahead. On the CPU the
 * engine computes synchronously and nothing is gained, so the trainer uses a window of one there and every step
 * is read at once, as before. The values are the same either way; what a larger window delays is only when they
 * are known (a diverged step ends the run up to {@code size - 1} steps later, with the failing batch named).
 *
 * <p>Used by one training thread; the vectors it holds are owned by its own manager, not by the batch's.
 */
final class StatsWindow implements AutoCloseable {
    /** A window is read once this old even when not full, so that progress shows while slow steps run. */
    static final long MAX_MILLIS = 250;

    /** One read step: its outcome, sample count, learning rate and its share of the window's wall time. */
    record Read(TrainingStep.Outcome outcome, int samples, double learningRate, double seconds) {
    }

    private record Entry(TrainingStep.Report report, int samples, double learningRate) {
    }

    private final NDManager parent;
    private final int size;
    private final List<Entry> entries = new ArrayList<>();
    private NDManager arrays;
    private long started;
    private long reads;

    /**
     * @param parent manager under which the held vectors live (the model's)
     * @param size   steps per read, at least 1
     */
    StatsWindow(NDManager parent, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a stats window holds at least one step, not " + size);
        }
        this.parent = parent;
        this.size = size;
    }

    /**
     * Holds a step's report. Call it inside the batch's scope: a vector still on the device is taken out of the
     * scope and the batch's manager, so closing them does not free it.
     *
     * @param batchStart {@link System#nanoTime()} when the step's batch began
     */
    void add(TrainingStep.Report report, int samples, double learningRate, long batchStart) {
        if (entries.isEmpty()) {
            started = batchStart;
            arrays = parent.newSubManager();
        }
        if (report instanceof TrainingStep.OnDevice held) {
            NDScope.unregister(held.stats());
            held.stats().attach(arrays);
        }
        entries.add(new Entry(report, samples, learningRate));
    }

    /** Whether the window should be read now: it holds {@code size} steps, or its first began long enough ago. */
    boolean isFull() {
        return entries.size() >= size || System.nanoTime() - started >= MAX_MILLIS * 1_000_000;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Device-to-host copies made so far (one per {@link #read} that held a vector on the device). */
    long reads() {
        return reads;
    }

    /** The held steps' outcomes in order, with one copy for all vectors still on the device; empties the window. */
    List<Read> read() {
        if (entries.isEmpty()) {
            return List.of();
        }
        NDList held = new NDList();
        for (Entry e : entries) {
            if (e.report() instanceof TrainingStep.OnDevice d) {
                held.add(d.stats());
            }
        }
        float[] host = new float[0];
        if (!held.isEmpty()) {
            NDArray all = held.size() == 1 ? held.getFirst() : NDArrays.concat(held);
            host = all.toFloatArray();
            reads++;
        }
        double seconds = (System.nanoTime() - started) / 1e9 / entries.size();
        List<Read> out = new ArrayList<>(entries.size());
        int from = 0;
        for (Entry e : entries) {
            TrainingStep.Outcome outcome = switch (e.report()) {
                case TrainingStep.Known k -> k.outcome();
                case TrainingStep.OnDevice d -> {
                    int length = Math.toIntExact(d.stats().size());
                    TrainingStep.Outcome o = d.read(host, from, length);
                    from += length;
                    yield o;
                }
            };
            out.add(new Read(outcome, e.samples(), e.learningRate(), seconds));
        }
        entries.clear();
        arrays.close();
        arrays = null;
        return out;
    }

    /** Frees vectors still held (a run that stopped between reads). */
    @Override
    public void close() {
        entries.clear();
        if (arrays != null) {
            arrays.close();
            arrays = null;
        }
    }
}
