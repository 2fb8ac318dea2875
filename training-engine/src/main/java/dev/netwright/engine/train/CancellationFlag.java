package dev.netwright.engine.train;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation: another thread sets it, the trainer checks it before every batch. */
public final class CancellationFlag {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
