package dev.netwright.backend.learn;

import dev.netwright.engine.train.CancellationFlag;

/** Holds the training thread between batches while the learner has paused; a cancel releases it. */
public final class PauseGate {
    private boolean paused;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Called on the training thread; returns when resumed or cancelled (checked every 200 ms). */
    synchronized void awaitIfPaused(CancellationFlag cancel) {
        while (paused && !cancel.isCancelled()) {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
                return;
            }
        }
    }
}
