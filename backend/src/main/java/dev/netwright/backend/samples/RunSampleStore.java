package dev.netwright.backend.samples;

import dev.netwright.backend.metrics.RunMetricsStore;
import dev.netwright.engine.api.MetricKind;
import dev.netwright.engine.api.SamplesPoint;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pictures of generated samples a GAN run's worker uploads after each epoch, one per epoch, in PostgreSQL. A new
 * epoch's picture is announced as a {@code SAMPLES} metric point ({@code {"epoch": n, "bytes": size}}) in the same
 * transaction, so it reaches live pages and SSE clients through the metric points' NOTIFY fan-out.
 */
@Service
public class RunSampleStore {
    /** The largest picture stored (2 MiB, the limit workers know too); the engine's pictures are far smaller. */
    public static final int MAX_BYTES = dev.netwright.engine.worker.WorkerBackend.MAX_SAMPLE_PICTURE_BYTES;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final JdbcClient jdbc;
    private final RunMetricsStore metrics;

    RunSampleStore(JdbcClient jdbc, RunMetricsStore metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Stores (or replaces) the picture of one epoch; answers whether it was that epoch's first. Throws
     * IllegalArgumentException naming the run and epoch for an empty, oversized or non-PNG picture.
     */
    @Transactional
    public boolean store(UUID runId, int epoch, byte[] png) {
        String where = "sample picture of run " + runId + " epoch " + epoch;
        if (epoch < 1) {
            throw new IllegalArgumentException(where + ": the epoch must be 1 or more");
        }
        if (png.length > MAX_BYTES) {
            throw new PictureTooLargeException(where + " has " + png.length + " bytes, more than the " + MAX_BYTES
                    + " (2 MiB) allowed");
        }
        if (png.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw new IllegalArgumentException(where + " is not a PNG image");
        }
        // xmax = 0 only on a freshly inserted row: a replaced picture is not announced twice
        boolean first = jdbc.sql("""
                INSERT INTO run_samples (run_id, epoch, png) VALUES (?, ?, ?)
                ON CONFLICT (run_id, epoch) DO UPDATE SET png = excluded.png, created_at = now()
                RETURNING (xmax = 0)""").params(runId, epoch, png).query(Boolean.class).single();
        if (first) {
            metrics.append(runId, MetricKind.SAMPLES,
                    JsonMapper.shared().writeValueAsString(new SamplesPoint(epoch, png.length)));
        }
        return first;
    }

    /** The run's pictures, oldest epoch first. */
    public List<SamplePictureInfo> list(UUID runId) {
        return jdbc.sql("SELECT epoch, octet_length(png), created_at FROM run_samples WHERE run_id = ? ORDER BY epoch")
                .param(runId).query((rs, i) -> new SamplePictureInfo(rs.getInt(1), rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class))).list();
    }

    public Optional<byte[]> picture(UUID runId, int epoch) {
        return jdbc.sql("SELECT png FROM run_samples WHERE run_id = ? AND epoch = ?").params(runId, epoch)
                .query((rs, i) -> rs.getBytes(1)).optional();
    }

    /** A picture over {@link #MAX_BYTES}; the HTTP side answers 413 for it. */
    public static final class PictureTooLargeException extends IllegalArgumentException {
        PictureTooLargeException(String message) {
            super(message);
        }
    }
}
