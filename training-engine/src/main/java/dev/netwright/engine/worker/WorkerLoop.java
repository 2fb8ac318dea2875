package dev.netwright.engine.worker;

import java.time.Duration;
import java.util.Optional;

/** Claims and runs jobs one after another until stopped; polls when the queue is empty. */
public final class WorkerLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(WorkerLoop.class.getName());
    private final WorkerBackend backend;
    private final ClaimedRunTrainer runner;
    private final Duration idlePoll;
    private volatile boolean stopped;
    private final Object wake = new Object();

    public WorkerLoop(WorkerBackend backend, Duration idlePoll) {
        this.backend = backend;
        this.runner = new ClaimedRunTrainer(backend);
        this.idlePoll = idlePoll;
    }

    public void stop() {
        stopped = true;
        wakeUp();
    }

    /** Ends the idle wait early (e.g. a run was just queued). */
    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            Optional<ClaimedRun> claimed;
            try {
                claimed = backend.claim();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "claim failed: " + e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                RunEnd r = runner.run(claimed.get());
                LOG.log(System.Logger.Level.INFO, "run {0} ended: {1}", claimed.get().runId(), r.status());
                continue;
            }
            synchronized (wake) {
                try {
                    wake.wait(idlePoll.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
