package dev.netwright.engine.worker;

import java.time.Duration;
import java.util.Optional;

/** Claims and runs jobs one after another until stopped; polls when the queue is empty. */
public final class WorkerLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(WorkerLoop.class.getName());
    private final WorkerBackend backend;
    private final JobRunner runner;
    private final Duration idlePoll;
    private volatile boolean stopped;
    private final Object wake = new Object();

    public WorkerLoop(WorkerBackend backend, Duration idlePoll) {
        this.backend = backend;
        this.runner = new JobRunner(backend);
        this.idlePoll = idlePoll;
    }

    public void stop() {
        stopped = true;
        wakeUp();
    }

    /** Ends the idle wait early (e.g. a job was just queued). */
    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            Optional<JobSpec> job;
            try {
                job = backend.claim();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "claim failed: " + e.getMessage());
                job = Optional.empty();
            }
            if (job.isPresent()) {
                JobResult r = runner.run(job.get());
                LOG.log(System.Logger.Level.INFO, "run {0} ended: {1}", job.get().runId(), r.status());
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
