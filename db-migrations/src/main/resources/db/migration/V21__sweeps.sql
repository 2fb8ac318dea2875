-- Hyperparameter sweeps: a sweep is the parent of many runs (its trials). The sweep row holds everything the
-- scheduler needs to propose the next trial, so a restarted app rebuilds its state from here and the runs table.

CREATE TABLE sweeps (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id         uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    workspace_id       uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               text        NOT NULL,
    design_version_id  uuid        NOT NULL REFERENCES design_versions (id),
    dataset            jsonb       NOT NULL,
    -- training settings every trial starts from; a trial's parameters override them
    base_config        jsonb       NOT NULL,
    -- {"learningRate": {"logUniform": [0.0001, 0.1]}, "hidden.units": {"choice": [16, 32]}, ...}
    search_space       jsonb       NOT NULL,
    method             text        NOT NULL CHECK (method IN ('grid', 'random', 'tpe')),
    seed               bigint      NOT NULL,
    grid_points        integer     NOT NULL DEFAULT 3 CHECK (grid_points >= 2),
    objective          text        NOT NULL,
    direction          text        NOT NULL CHECK (direction IN ('MAXIMIZE', 'MINIMIZE')),
    second_objective   text,
    max_trials         integer     NOT NULL CHECK (max_trials >= 1),
    -- 0: no time limit; counted from created_at
    max_minutes        double precision NOT NULL DEFAULT 0 CHECK (max_minutes >= 0),
    max_concurrent     integer     NOT NULL CHECK (max_concurrent >= 1),
    pruner             text        NOT NULL CHECK (pruner IN ('none', 'median', 'asha')),
    queue              text        NOT NULL DEFAULT 'default',
    priority           integer     NOT NULL DEFAULT 0,
    state              text        NOT NULL DEFAULT 'RUNNING'
                       CHECK (state IN ('RUNNING', 'STOPPING', 'STOPPED', 'COMPLETED')),
    -- why it ended: budget spent, sampler exhausted, stopped by a user, design invalid ...
    state_reason       text,
    created_by         uuid        NOT NULL REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz
);
CREATE INDEX sweeps_project_idx ON sweeps (project_id, created_at DESC);
-- the scheduler scans only sweeps that still need work
CREATE INDEX sweeps_active_idx ON sweeps (id) WHERE state IN ('RUNNING', 'STOPPING');

ALTER TABLE runs
    ADD COLUMN sweep_id          uuid REFERENCES sweeps (id) ON DELETE CASCADE,
    ADD COLUMN trial_number      integer,
    ADD COLUMN trial_params      jsonb,
    -- the trial's design when its parameters change layers (a per-trial variant of design_version_id);
    -- null when only training options vary
    ADD COLUMN trial_design      text,
    ADD COLUMN trial_param_count bigint,
    -- the last epoch the pruner has judged, so each rung is decided once, when it is reached
    ADD COLUMN pruning_step      integer NOT NULL DEFAULT 0,
    -- why a run was cancelled: 'pruned', 'stopped by user', 'sweep stopped'
    ADD COLUMN stop_reason       text,
    ADD CONSTRAINT runs_trial_check CHECK ((sweep_id IS NULL) = (trial_number IS NULL));
-- no trial number twice in one sweep, whatever two schedulers (or a restart) may try
CREATE UNIQUE INDEX runs_sweep_trial_key ON runs (sweep_id, trial_number) WHERE sweep_id IS NOT NULL;
