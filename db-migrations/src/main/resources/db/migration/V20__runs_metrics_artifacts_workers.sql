-- Training runs as a job queue, their metric stream, their artifacts, and tokens for remote workers.
-- Numbered from V20 so that other schema work can still take V2..V19.

-- How many runs of one workspace may train at the same time; the claim query enforces it.
ALTER TABLE workspaces ADD COLUMN max_running_runs integer NOT NULL DEFAULT 2 CHECK (max_running_runs >= 1);

CREATE TABLE runs (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    -- copied from the project so that the claim query can count running runs per workspace without a join
    workspace_id       uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    design_version_id  uuid        NOT NULL REFERENCES design_versions (id),
    dataset            jsonb       NOT NULL,
    config             jsonb       NOT NULL,
    -- workers claim only from the queues they serve (e.g. 'default' in-process, 'gpu' on GPU hosts)
    queue              text        NOT NULL DEFAULT 'default',
    status             text        NOT NULL DEFAULT 'QUEUED'
                       CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    priority           integer     NOT NULL DEFAULT 0,
    attempts           integer     NOT NULL DEFAULT 0,
    max_attempts       integer     NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    lease_owner        text,
    lease_expires_at   timestamptz,
    cancel_requested   boolean     NOT NULL DEFAULT false,
    failure            text,
    final_metrics      jsonb,
    -- the last metric point's seq; incrementing it under the row lock numbers points without gaps or races
    last_seq           bigint      NOT NULL DEFAULT 0,
    created_by         uuid        NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    CHECK ((status = 'RUNNING') = (lease_owner IS NOT NULL))
);
-- The claim scans only queued rows, in claim order.
CREATE INDEX runs_claim_idx ON runs (queue, priority DESC, created_at, id) WHERE status = 'QUEUED';
CREATE INDEX runs_running_idx ON runs (workspace_id) WHERE status = 'RUNNING';
CREATE INDEX runs_lease_idx ON runs (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX runs_project_idx ON runs (project_id, created_at DESC);

-- One row per reported point; seq orders a run's points and is the SSE event id clients resume from.
CREATE TABLE run_metrics (
    run_id   uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq      bigint      NOT NULL CHECK (seq >= 1),
    kind     text        NOT NULL CHECK (kind IN ('BATCH', 'EPOCH', 'EVALUATION', 'MESSAGE', 'STATUS')),
    payload  jsonb       NOT NULL,
    at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, seq)
);

-- The saved model directory of a finished run, stored as one ZIP under the data folder.
CREATE TABLE artifacts (
    run_id        uuid PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    storage_path  text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    sha256        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Remote workers authenticate with these; like API tokens only a SHA-256 of the secret is kept.
CREATE TABLE worker_tokens (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text        NOT NULL,
    token_hash    bytea       NOT NULL UNIQUE,
    prefix        text        NOT NULL,
    queues        text[]      NOT NULL DEFAULT ARRAY['default'],
    created_by    uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz,
    revoked_at    timestamptz
);
