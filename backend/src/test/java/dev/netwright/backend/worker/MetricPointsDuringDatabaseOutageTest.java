package dev.netwright.backend.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netwright.backend.Api;
import dev.netwright.backend.artifact.ArtifactStore;
import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.backend.run.LeaseHolder;
import dev.netwright.backend.run.RunFiles;
import dev.netwright.backend.run.RunQueue;
import dev.netwright.backend.run.RunTestSupport;
import dev.netwright.backend.samples.RunSampleStore;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.RunStatus;
import dev.netwright.engine.run.DatasetSpec;
import dev.netwright.engine.worker.RunEnd;
import dev.netwright.engine.worker.ClaimedRunTrainer;
import dev.netwright.engine.worker.ClaimedRun;
import dev.netwright.engine.worker.MetricPoint;
import dev.netwright.engine.worker.WorkerBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An in-process worker while its database connection drops: the point being stored when the connection is killed
 * is retried and stored, a point whose answer was lost after it was stored is retried and not stored again, and
 * the same point delivered twice at once is stored once. No point is lost or stored twice.
 */
class MetricPointsDuringDatabaseOutageTest extends RunTestSupport {
    @Autowired
    RunQueue queue;
    @Autowired
    RunMetricsStore metrics;
    @Autowired
    ArtifactStore artifacts;
    @Autowired
    RunFiles files;
    @Autowired
    RunSampleStore samples;
    @Autowired
    dev.netwright.backend.design.ImportedDesigns imported;
    @Autowired
    DataSource dataSource;

    @Test
    void noPointIsLostOrStoredTwiceWhileConnectionsDrop() throws Exception {
        Api owner = newUser("outage");
        UUID[] pd = projectWithDesign(owner);
        String q = uniqueQueue("outage");
        UUID run = created(createRun(owner, pd[0], pd[1], q, 0, 3, 200));
        LocalWorkerBackend local = new LocalWorkerBackend(LeaseHolder.inProcess("outage-worker"), List.of(q), 30,
                queue, metrics, artifacts, files, samples, imported, 0);
        Faults faults = new Faults(local, run);
        ClaimedRun job = local.claim().orElseThrow();

        RunEnd result = new ClaimedRunTrainer(faults).run(job);

        assertThat(result.status()).as(String.valueOf(result.failure())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(faults.killed).as("a store was cut off by a killed connection").isNotNull();
        assertThat(faults.answerLost).as("an answer was lost after the point was stored").isNotNull();
        List<Map<String, Object>> keyed = jdbc.sql("""
                SELECT point_key, count(*) AS n FROM run_metrics WHERE run_id = ? AND point_key IS NOT NULL
                GROUP BY point_key""").param(run).query().listOfRows();
        assertThat(keyed).allSatisfy(row -> assertThat(((Number) row.get("n")).intValue())
                .as("copies of point %s", row.get("point_key")).isEqualTo(1));
        Set<Object> storedKeys = new HashSet<>(keyed.stream().map(r -> r.get("point_key")).toList());
        assertThat(storedKeys).as("every point the worker reported").isEqualTo(new HashSet<>(faults.sent));
        assertThat(storedKeys).contains(faults.killed, faults.answerLost);
        List<Integer> epochs = jdbc.sql("SELECT (payload->>'epoch')::int FROM run_metrics WHERE run_id = ? AND "
                + "kind = 'EPOCH' ORDER BY seq").param(run).query(Integer.class).list();
        assertThat(epochs).containsExactly(1, 2, 3);
        List<Long> seqs = jdbc.sql("SELECT seq FROM run_metrics WHERE run_id = ? ORDER BY seq").param(run)
                .query(Long.class).list();
        assertThat(seqs.getLast()).as("numbered without gaps").isEqualTo(seqs.size());
    }

    /** Deliveries racing each other (a retry overtaking a slow first try): the row lock lets one through. */
    @Test
    void theSamePointDeliveredTwiceAtOnceIsStoredOnce() throws Exception {
        Api owner = newUser("race");
        UUID[] pd = projectWithDesign(owner);
        UUID run = created(createRun(owner, pd[0], pd[1], uniqueQueue("race"), 0, 1, 100));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    metrics.append(run, MetricKind.BATCH, "{\"epoch\":1,\"batch\":3,\"loss\":0.5}", "same-batch-point");
                    metrics.append(run, MetricKind.EPOCH, "{\"epoch\":7,\"loss\":0.4}", UUID.randomUUID().toString());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM run_metrics WHERE run_id = ? AND point_key = 'same-batch-point'")
                .param(run).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM run_metrics WHERE run_id = ? AND kind = 'EPOCH'")
                .param(run).query(Integer.class).single()).as("epoch 7 once").isEqualTo(1);
    }

    /**
     * Cuts the database connection under the first BATCH point being stored (the store waits for a row lock held
     * here, and its server process is terminated meanwhile), and loses the answer to the first EPOCH point after it
     * was stored. Records every key the worker sent.
     */
    private final class Faults implements WorkerBackend {
        private final LocalWorkerBackend inner;
        private final UUID run;
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        volatile String killed;
        volatile String answerLost;

        Faults(LocalWorkerBackend inner, UUID run) {
            this.inner = inner;
            this.run = run;
        }

        @Override
        public void metric(UUID runId, MetricPoint point) throws IOException {
            sent.add(point.key());
            if (killed == null && point.kind() == MetricKind.BATCH) {
                killed = point.key();
                killConnectionDuring(() -> inner.metric(runId, point));
                throw new AssertionError("storing through a killed connection did not fail");
            }
            inner.metric(runId, point);
            if (answerLost == null && point.kind() == MetricKind.EPOCH) {
                answerLost = point.key();
                throw new IOException("connection reset after the point was stored");
            }
        }

        private interface Call {
            void run() throws IOException;
        }

        private void killConnectionDuring(Call call) throws IOException {
            // the watcher's connection is taken before the call: from the shared pool during the call, a busy pool
            // (heartbeats, the reaper) could leave the killer waiting while the call waits on the lock
            try (Connection locker = dataSource.getConnection(); Statement s = locker.createStatement();
                 Connection watcher = dataSource.getConnection()) {
                locker.setAutoCommit(false);
                s.execute("SELECT 1 FROM runs WHERE id = '" + run + "' FOR UPDATE");
                var rs = s.executeQuery("SELECT pg_backend_pid()");
                rs.next();
                int lockerPid = rs.getInt(1);
                Thread killer = Thread.ofPlatform().start(() -> {
                    try (var find = watcher.prepareStatement("""
                            SELECT pid FROM pg_stat_activity
                            WHERE ? = ANY (pg_blocking_pids(pid)) AND query LIKE 'SELECT last_seq FROM runs%'""");
                         var kill = watcher.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        find.setInt(1, lockerPid);
                        for (int i = 0; i < 1200; i++) {
                            List<Integer> waiting = new ArrayList<>();
                            try (var rs2 = find.executeQuery()) {
                                while (rs2.next()) {
                                    waiting.add(rs2.getInt(1));
                                }
                            }
                            if (!waiting.isEmpty()) {
                                for (int pid : waiting) {
                                    kill.setInt(1, pid);
                                    kill.executeQuery().close();
                                }
                                return;
                            }
                            sleep(50);
                        }
                        // never seen waiting: end the lock holder instead, so the call fails the test, not hangs it
                        kill.setInt(1, lockerPid);
                        kill.executeQuery().close();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    call.run();
                } finally {
                    locker.rollback();
                    killer.join();
                }
            } catch (java.sql.SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<ClaimedRun> claim() throws IOException {
            return inner.claim();
        }

        @Override
        public boolean heartbeat(UUID runId) throws IOException {
            return inner.heartbeat(runId);
        }

        @Override
        public void samplePicture(UUID runId, int epoch, byte[] png) throws IOException {
            inner.samplePicture(runId, epoch, png);
        }

        @Override
        public Path workDir(ClaimedRun job) throws IOException {
            return inner.workDir(job);
        }

        @Override
        public DatasetSpec dataset(ClaimedRun job, Path workDir) throws IOException {
            return inner.dataset(job, workDir);
        }

        @Override
        public void checkpointSaved(UUID runId, Path checkpointDir) throws IOException {
            inner.checkpointSaved(runId, checkpointDir);
        }

        @Override
        public void finish(UUID runId, RunEnd result, Optional<Path> modelDir) throws IOException {
            inner.finish(runId, result, modelDir);
        }
    }
}
