package dev.netwright.backend.worker;

import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.resources.ResourceLimits;
import dev.netwright.backend.run.JobsProperties;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.design.ImportedDesigns;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.backend.run.RunService;
import dev.netwright.engine.worker.WorkerLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * Workers inside the app (netwright.jobs.local-workers, default 1). One is the safe default: DJL's PyTorch gradient
 * collector is process-wide, so trainings in one JVM take turns anyway; more throughput comes from standalone
 * worker processes.
 */
@Component
class InProcessWorkers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InProcessWorkers.class);
    private final JobsProperties properties;
    private final RunQueue queue;
    private final RunMetricsStore metrics;
    private final ArtifactStore artifacts;
    private final RunFiles files;
    private final RunSampleStore samples;
    private final ImportedDesigns imported;
    private final ResourceLimits limits;
    private final List<WorkerLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    InProcessWorkers(JobsProperties properties, RunQueue queue, RunMetricsStore metrics, ArtifactStore artifacts,
                     RunFiles files, RunSampleStore samples, ImportedDesigns imported, ResourceLimits limits) {
        this.imported = imported;
        this.samples = samples;
        this.limits = limits;
        this.properties = properties;
        this.queue = queue;
        this.metrics = metrics;
        this.artifacts = artifacts;
        this.files = files;
    }

    @Override
    public synchronized void start() {
        String host = ProcessHandle.current().pid() + "@" + hostName();
        for (int i = 1; i <= properties.localWorkers(); i++) {
            String owner = "local-" + i + "-" + host;
            WorkerLoop loop = new WorkerLoop(new LocalWorkerBackend(LeaseHolder.inProcess(owner),
                    properties.localQueues(),
                    properties.leaseSeconds(), queue, metrics, artifacts, files, samples, imported,
                    limits.inProcessMemoryMargin().toBytes()),
                    Duration.ofMillis(properties.idlePollMillis()));
            loops.add(loop);
            threads.add(Thread.ofPlatform().daemon().name("worker-" + i).start(loop));
        }
        if (!loops.isEmpty()) {
            log.info("{} in-process worker(s) serving queues {}", loops.size(), properties.localQueues());
        }
    }

    @TransactionalEventListener(fallbackExecution = true) // after commit: the worker can see the row
    void onQueued(RunService.RunQueued event) {
        if (properties.localQueues().contains(event.queue())) {
            loops.forEach(WorkerLoop::wakeUp);
        }
    }

    @Override
    public synchronized void stop() {
        // a run in progress keeps its lease until it expires; the next worker resumes it from its checkpoint
        loops.forEach(WorkerLoop::stop);
        threads.forEach(Thread::interrupt);
        loops.clear();
        threads.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
