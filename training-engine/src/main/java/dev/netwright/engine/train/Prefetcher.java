package dev.netwright.engine.train;

import dev.netwright.engine.data.prep.Augmentation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the next training batch on a side thread while the current one trains, so that gathering rows in
 * sample order and augmenting them (host work) no longer sits between two engine steps, which on a GPU leaves the
 * device idle. Two {@link Batcher.HostBatch}es alternate: batch {@code b} is read from one while {@code b + 1} is
 * gathered into the other. The side thread calls no engine code; a batch's content depends only on seed, epoch and
 * batch index, so a run trains on exactly the same data as without prefetching.
 *
 * <p>Contract: the arrays made from the host batch returned by {@link #take(int)} must be closed before the next
 * call of {@code take}, because the batch after next is then gathered into the same buffers (on the CPU the
 * engine's arrays share them). Batches are taken in order within an epoch. Used by one training thread.
 */
final class Prefetcher implements AutoCloseable {
    private final Batcher batcher;
    private final Augmentation augmentation;
    private final long seed;
    private final Batcher.HostBatch[] slots;
    private final ExecutorService side;
    private int[] order;
    private int epoch;
    private int pendingBatch = -1;
    private Future<?> pending;

    public Prefetcher(Batcher batcher, Augmentation augmentation, long seed) {
        this.batcher = batcher;
        this.augmentation = augmentation;
        this.seed = seed;
        this.slots = new Batcher.HostBatch[] {batcher.newHostBatch(), batcher.newHostBatch()};
        // a plain one-thread pool: only close() ends its thread (newSingleThreadExecutor's would also end when the
        // garbage collector finds the prefetcher unreachable, which hid prefetchers that were never closed)
        this.side = Executors.newFixedThreadPool(1, task -> {
            Thread t = new Thread(task, "netwright-batch-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts an epoch in sample order {@code order} and begins gathering its first batch. */
    public void beginEpoch(int[] order, int epoch) {
        awaitPending();
        this.order = order;
        this.epoch = epoch;
        submit(0);
    }

    /**
     * Batch {@code b} of the current epoch, gathered ahead when it was the one expected (else now, on this thread);
     * starts gathering batch {@code b + 1}.
     */
    public Batcher.HostBatch take(int b) {
        Batcher.HostBatch ready = slot(b);
        boolean gatheredAhead = pendingBatch == b;
        awaitPending();
        if (!gatheredAhead) {
            batcher.gather(ready, order, b, augmentation, seed, epoch);
        }
        if (b + 1 < batcher.batchCount()) {
            submit(b + 1);
        }
        return ready;
    }

    private void submit(int b) {
        int[] epochOrder = order;
        int epochNumber = epoch;
        Batcher.HostBatch into = slot(b);
        pending = side.submit(() -> batcher.gather(into, epochOrder, b, augmentation, seed, epochNumber));
        pendingBatch = b;
    }

    private Batcher.HostBatch slot(int b) {
        return slots[b % 2];
    }

    /** Waits for the batch being gathered; its failure (a bad augmentation shape...) is rethrown here. */
    private void awaitPending() {
        if (pending == null) {
            return;
        }
        Future<?> f = pending;
        pending = null;
        pendingBatch = -1;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            // only close() cancels
        }
    }

    /**
     * Stops the side thread and waits for it: a batch still being gathered is dropped, and after close nothing
     * writes into the host batches any more.
     */
    @Override
    public void close() {
        side.shutdownNow();
        try {
            side.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
