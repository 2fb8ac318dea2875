-- GAN runs: the picture of generated samples the worker draws after each epoch, uploaded while the run goes.
-- One picture per epoch (a resumed attempt that re-runs an epoch replaces it); the size is bounded by the server
-- (2 MiB) and again here, so a faulty client cannot fill the database.
CREATE TABLE run_samples (
    run_id      uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    epoch       integer     NOT NULL CHECK (epoch >= 1),
    png         bytea       NOT NULL CHECK (octet_length(png) BETWEEN 1 AND 2097152),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, epoch)
);

-- A SAMPLES metric point announces each new picture through the existing NOTIFY fan-out of metric points,
-- so live pages and SSE clients learn of it the same way they learn of epochs.
ALTER TABLE run_metrics DROP CONSTRAINT run_metrics_kind_check;
ALTER TABLE run_metrics ADD CONSTRAINT run_metrics_kind_check
    CHECK (kind IN ('BATCH', 'EPOCH', 'EVALUATION', 'MESSAGE', 'STATUS', 'SAMPLES'));
