-- Workers report their capacity with every poll; runs carry their training-memory estimate, so that a worker claims
-- only runs that fit it and a run no live worker can hold shows why it waits.

CREATE TABLE worker_capacity (
    owner                 text PRIMARY KEY,
    queues                text[]      NOT NULL,
    cpu_memory_bytes      bigint      NOT NULL CHECK (cpu_memory_bytes >= 0),
    gpu_memory_bytes      bigint[]    NOT NULL DEFAULT '{}',
    -- what one run may use on it now: the smallest GPU's memory when it has GPUs, else its free CPU memory
    training_memory_bytes bigint      NOT NULL CHECK (training_memory_bytes >= 0),
    -- the same on an otherwise idle machine: what decides whether a run could ever train on it
    largest_training_memory_bytes bigint NOT NULL CHECK (largest_training_memory_bytes >= 0),
    seen_at               timestamptz NOT NULL DEFAULT now()
);

-- estimated at queue time; NULL for runs queued before estimates existed (they fit anywhere)
ALTER TABLE runs ADD COLUMN memory_bytes bigint CHECK (memory_bytes >= 0);

-- Retention: when a finished run's work folder and checkpoints were removed (its artifact stays), and each
-- workspace's storage quota (NULL: netwright.retention.default-workspace-quota).
ALTER TABLE runs ADD COLUMN files_removed_at timestamptz;
ALTER TABLE workspaces ADD COLUMN storage_quota_bytes bigint CHECK (storage_quota_bytes > 0);
