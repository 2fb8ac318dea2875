package dev.netwright.engine.worker;

import dev.netwright.designer.format.DesignJson;
import dev.netwright.designer.model.Design;
import dev.netwright.engine.api.MessagePoint;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.run.RunListener;
import dev.netwright.engine.run.RunOutcome;
import dev.netwright.engine.run.RunRequest;
import dev.netwright.engine.run.TrainingRun;
import dev.netwright.engine.train.CancellationFlag;
import dev.netwright.engine.train.GanEpochMetrics;
import dev.netwright.engine.train.TrainingStatus;
import dev.netwright.engine.train.metrics.BatchMetrics;
import dev.netwright.engine.train.metrics.EpochMetrics;
import dev.netwright.engine.train.metrics.EvaluationReport;
import dev.netwright.engine.train.metrics.LayerGradientNorms;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains one claimed run: heartbeats the lease on a side thread (which also carries cancel requests back), reports
 * metrics, resumes from checkpoints left by an earlier attempt, and reports the end. Shared by the in-process and
 * the standalone worker so both behave the same.
 */
public final class ClaimedRunTrainer {
    private static final System.Logger LOG = System.getLogger(ClaimedRunTrainer.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Batch points are sampled: storing every batch would cost more than the batch itself for small models. */
    static final long BATCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final String BATCH_REPORT = "report " + MetricKind.BATCH;

    private final WorkerBackend backend;
    private final TrainingRun training;

    public ClaimedRunTrainer(WorkerBackend backend) {
        this(backend, new TrainingRun());
    }

    ClaimedRunTrainer(WorkerBackend backend, TrainingRun training) {
        this.backend = backend;
        this.training = training;
    }

    /** Runs the claimed run to its end (or until the lease is lost); never throws for training problems. */
    public RunEnd run(ClaimedRun claimed) {
        try {
            return train(claimed);
        } finally {
            try {
                backend.cleanUp(claimed);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "run " + claimed.runId() + ": could not clean up", e);
            }
        }
    }

    private RunEnd train(ClaimedRun claimed) {
        CancellationFlag cancel = new CancellationFlag();
        AtomicBoolean leaseLost = new AtomicBoolean();
        AtomicReference<String> memoryStop = new AtomicReference<>();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + claimed.runId());
            t.setDaemon(true);
            return t;
        });
        // at least three beats per lease, and at most 2 s apart: the beat also carries cancel requests back
        long period = Math.clamp(claimed.leaseSeconds() * 1000L / 3, 200, 2000);
        beats.scheduleWithFixedDelay(() -> beat(claimed, cancel, leaseLost, memoryStop), 0, period,
                TimeUnit.MILLISECONDS);
        RunEnd result;
        Optional<Path> model = Optional.empty();
        Listener listener = null;
        try {
            Path work = backend.workDir(claimed);
            boolean resume = TrainingRun.hasCheckpoint(work);
            Design design = new DesignJson().read(claimed.designJson());
            DatasetSpec data = backend.dataset(claimed, work);
            // a resumed attempt has its weights in the checkpoint; a first one may start from the design's own
            Optional<Path> start = resume ? Optional.empty() : backend.startingWeights(claimed, work);
            // the design's frozen nodes (marked on the canvas) are frozen by the request, as train --freeze does
            RunRequest request = new RunRequest(design, data,
                    claimed.settings().toConfig(claimed.dataset().regressionTask()),
                    null, start, design.frozenNodeIds());
            listener = new Listener(claimed, cancel, leaseLost, work);
            LOG.log(System.Logger.Level.INFO, "run {0}: attempt {1} {2}", claimed.runId(), claimed.attempt(),
                    resume ? "resumes from the last checkpoint" : "starts");
            RunOutcome outcome = resume ? training.resume(request, listener, work, cancel)
                    : training.execute(request, listener, work, cancel);
            model = outcome.modelDir();
            result = toResult(outcome);
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            // out of memory fails this run only: its tensors and arrays are garbage now, and the worker goes on
            LOG.log(System.Logger.Level.WARNING, "run " + claimed.runId() + " failed", e);
            String why = MemoryFailure.describe(e)
                    .orElse(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            result = new RunEnd(RunStatus.FAILED, why, null);
        } finally {
            if (listener != null) {
                listener.close(); // the last batch points reach the server before the end is reported
            }
        }
        if (memoryStop.get() != null && result.status() != RunStatus.SUCCEEDED) {
            result = new RunEnd(RunStatus.FAILED, memoryStop.get(), result.finalMetricsJson());
        }
        // The lease is kept (heartbeats go on) until the end is reported: zipping and uploading a large model can
        // outlast a lease, and a lease lost meanwhile would hand a finished run to another worker.
        try {
            if (leaseLost.get()) {
                LOG.log(System.Logger.Level.WARNING, "run {0}: lease lost; leaving the run to the next worker",
                        claimed.runId());
                return RunEnd.leaseLost();
            }
            RunEnd end = result;
            Optional<Path> artifact = result.status() == RunStatus.SUCCEEDED ? model : Optional.empty();
            // a failed report is retried like the metrics; if it still fails, the lease expires and the run trains
            // again from its checkpoint: nothing is lost but time
            deliver(claimed, leaseLost, new CancellationFlag(), "report the end",
                    () -> backend.finish(claimed.runId(), end, artifact));
            return result;
        } finally {
            beats.shutdownNow();
        }
    }

    private void beat(ClaimedRun claimed, CancellationFlag cancel, AtomicBoolean leaseLost,
                      AtomicReference<String> memoryStop) {
        try {
            if (backend.heartbeat(claimed.runId())) {
                cancel.cancel();
            }
            Optional<String> pressure = backend.memoryPressure();
            if (pressure.isPresent() && memoryStop.compareAndSet(null, pressure.get())) {
                LOG.log(System.Logger.Level.WARNING, "run {0} stopped: {1}", claimed.runId(), pressure.get());
                cancel.cancel();
            }
        } catch (LeaseLostException e) {
            leaseLost.set(true);
            cancel.cancel();
        } catch (Exception e) {
            // a missed beat is harmless while the lease lasts; the next one retries
            LOG.log(System.Logger.Level.DEBUG, "heartbeat failed for run " + claimed.runId(), e);
        }
    }

    /** How long a worker keeps retrying a report while the server is down before it drops that report. */
    static final long OUTAGE_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private interface Delivery {
        void run() throws Exception;
    }

    /** Connection failures and 5xx answers pass; a 4xx answer means the report itself is wrong. */
    static boolean serverUnavailable(Exception e) {
        if (e instanceof LeaseLostException) {
            return false;
        }
        String message = String.valueOf(e.getMessage());
        return e instanceof java.io.IOException && !message.matches("(?s)HTTP 4\\d\\d .*");
    }

    private static RunEnd toResult(RunOutcome outcome) {
        Map<String, Object> finals = new LinkedHashMap<>();
        outcome.supervised().ifPresent(r -> {
            finals.put("epochs", r.epochsCompleted());
            finals.put("bestEpoch", r.bestEpoch());
            if (!r.history().isEmpty()) {
                finals.put("lastEpoch", r.history().getLast());
            }
            r.test().ifPresent(t -> finals.put("test", t));
        });
        outcome.forecast().ifPresent(f -> finals.put("forecast", f));
        outcome.gan().ifPresent(g -> {
            finals.put("epochs", g.epochsCompleted());
            if (!g.history().isEmpty()) {
                finals.put("lastEpoch", g.history().getLast());
            }
        });
        String json = finals.isEmpty() ? null : JSON.writeValueAsString(finals);
        TrainingStatus s = outcome.status();
        return switch (s) {
            case COMPLETED, EARLY_STOPPED -> new RunEnd(RunStatus.SUCCEEDED, null, json);
            case CANCELLED -> new RunEnd(RunStatus.CANCELLED, null, json);
            case DIVERGED -> new RunEnd(RunStatus.FAILED, outcome.failure().orElse("training diverged"), json);
        };
    }

    /** Turns engine callbacks into metric points; runs on the training thread, so it stays cheap. */
    private final class Listener implements RunListener, AutoCloseable {
        private final ClaimedRun claimed;
        private final BatchPointSender batchPoints;
        private final CancellationFlag cancel;
        private final AtomicBoolean leaseLost;
        private final Path work;
        private long lastBatch;
        private final ThroughputWindow throughput = new ThroughputWindow();
        private LayerGradientNorms epochGradients;

        Listener(ClaimedRun claimed, CancellationFlag cancel, AtomicBoolean leaseLost, Path work) {
            this.claimed = claimed;
            this.cancel = cancel;
            this.leaseLost = leaseLost;
            this.work = work;
            this.batchPoints = new BatchPointSender(claimed.runId().toString());
        }

        @Override
        public void close() {
            batchPoints.close();
        }

        /** A point every BATCH_INTERVAL_NANOS and at each epoch's end, with the throughput since the last one. */
        @Override
        public void onBatch(BatchMetrics m) {
            long now = System.nanoTime();
            throughput.add(m, now);
            sendSampled(m.batch(), m.batchesPerEpoch(), now, () -> m.withSamplesPerSecond(throughput.close(now)));
        }

        @Override
        public void onLayerGradients(LayerGradientNorms norms) {
            if (norms.isEpochSummary()) {
                epochGradients = norms;
            }
        }

        /** The epoch's per-layer gradient norms travel inside its EPOCH point, so they are stored with it. */
        @Override
        public void onEpoch(EpochMetrics m) {
            if (epochGradients != null && epochGradients.epoch() == m.epoch()) {
                ObjectNode payload = JSON.valueToTree(m);
                ObjectNode norms = payload.putObject("layerGradientNorms");
                epochGradients.layers().forEach(l -> norms.put(l.layer(), l.norm()));
                send(MetricKind.EPOCH, payload);
            } else {
                send(MetricKind.EPOCH, m);
            }
            checkpoint();
        }

        /**
         * A GAN's steps, throttled and windowed like supervised batches: progress and both losses from the first
         * batch on, the throughput since the previous point.
         */
        @Override
        public void onBatch(dev.netwright.engine.train.GanBatchMetrics m) {
            long now = System.nanoTime();
            throughput.add(m, now);
            sendSampled(m.batch(), m.batchesPerEpoch(), now, () -> m.withSamplesPerSecond(throughput.close(now)));
        }

        /**
         * Sends a BATCH point at most every {@link ClaimedRunTrainer#BATCH_INTERVAL_NANOS}, and always an epoch's
         * last batch, so every epoch's progress ends at its last batch; one throttle for supervised and GAN batches.
         * The point is made only when it is sent (it closes its throughput window then).
         */
        private void sendSampled(int batch, int batchesPerEpoch, long now, Supplier<Object> point) {
            if (batch != batchesPerEpoch && now - lastBatch < BATCH_INTERVAL_NANOS) {
                return;
            }
            lastBatch = now;
            Object sent = point.get();
            batchPoints.send(() -> send(MetricKind.BATCH, sent));
        }

        @Override
        public void onEpoch(GanEpochMetrics m) {
            send(MetricKind.EPOCH, m);
            checkpoint();
        }

        /** Pictures larger than the server accepts are skipped here rather than refused there, retry after retry. */
        @Override
        public void onSamplePicture(int epoch, byte[] png) {
            if (png.length > WorkerBackend.MAX_SAMPLE_PICTURE_BYTES) {
                LOG.log(System.Logger.Level.WARNING, "run {0}: epoch {1}''s sample picture has {2} bytes, more than "
                        + "the {3} the server takes; not uploaded", claimed.runId(), epoch, png.length,
                        WorkerBackend.MAX_SAMPLE_PICTURE_BYTES);
                return;
            }
            deliver("upload the samples of epoch " + epoch, () -> backend.samplePicture(claimed.runId(), epoch, png));
        }

        @Override
        public void onEvaluation(EvaluationReport report) {
            send(MetricKind.EVALUATION, report);
        }

        @Override
        public void onMessage(String message) {
            send(MetricKind.MESSAGE, new MessagePoint(message));
        }

        private void checkpoint() {
            deliver("upload the checkpoint",
                    () -> backend.checkpointSaved(claimed.runId(), work.resolve("checkpoints")));
        }

        private void send(MetricKind kind, Object payload) {
            // one key per point, created once: every retry of this delivery carries it, so it is stored once
            MetricPoint point = MetricPoint.of(kind, JSON.writeValueAsString(payload));
            deliver(kind == MetricKind.BATCH ? BATCH_REPORT : "report " + kind,
                    () -> backend.metric(claimed.runId(), point));
        }

        /** Delivers now, after the batch points handed over before it (so the server sees training order). */
        private void deliver(String what, Delivery delivery) {
            if (!what.equals(BATCH_REPORT)) {
                batchPoints.drain();
            }
            ClaimedRunTrainer.deliver(claimed, leaseLost, cancel, what, delivery);
        }
    }

    /**
     * Retries while the server (or, in process, the database) cannot be reached (restarting, or a network blip),
     * so that no metric point, checkpoint or end report is silently lost; training waits meanwhile. Gives up when
     * the lease is lost (another worker takes over from the last checkpoint), or after {@link #OUTAGE_LIMIT_NANOS}.
     */
    private static void deliver(ClaimedRun claimed, AtomicBoolean leaseLost, CancellationFlag cancel, String what,
                                Delivery delivery) {
        long giveUp = System.nanoTime() + OUTAGE_LIMIT_NANOS;
        long pause = 100;
        while (true) {
            try {
                delivery.run();
                return;
            } catch (LeaseLostException e) {
                leaseLost.set(true);
                cancel.cancel();
                return;
            } catch (Exception e) {
                if (!serverUnavailable(e) || System.nanoTime() > giveUp || leaseLost.get()) {
                    LOG.log(System.Logger.Level.WARNING, "run " + claimed.runId() + ": could not " + what, e);
                    return;
                }
                LOG.log(System.Logger.Level.INFO, "run {0}: server unavailable ({1}); retrying to {2}",
                        claimed.runId(), e.toString(), what);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(2000, pause * 2);
            }
        }
    }
}
