package dev.netwright.engine.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Delivers a run's batch points on a side thread, so the training thread never waits for the server or the
 * database between batches (a slow commit or a lock held elsewhere used to show as a dip in throughput). Points
 * go out in order; {@link #drain()} waits until every point handed over so far is delivered, which the other
 * reports (epochs, messages, checkpoints, the end) do first so that the server sees everything in training order.
 * While the server is unreachable the queue fills and training waits, as it did when it delivered itself.
 */
final class BatchPointSender implements AutoCloseable {
    /** Points waiting at most; batch points are sampled a few times a second, so this is seconds of outage. */
    private static final int CAPACITY = 32;

    private final ExecutorService thread;
    private final Semaphore room = new Semaphore(CAPACITY);
    private Future<?> last = CompletableFuture.completedFuture(null);

    BatchPointSender(String runId) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-" + runId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands {@code delivery} (which reports its own failures) to the side thread; waits only when it is full. */
    void send(Runnable delivery) {
        room.acquireUninterruptibly();
        last = thread.submit(() -> {
            try {
                delivery.run();
            } finally {
                room.release();
            }
        });
    }

    /** Waits until every point handed over so far has been delivered (or given up on). */
    void drain() {
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the delivery logged why it failed; a later report is not held up by it
        }
    }

    @Override
    public void close() {
        drain();
        thread.shutdown();
    }
}
