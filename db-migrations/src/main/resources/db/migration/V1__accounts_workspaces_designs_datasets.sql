-- Netwright schema, first version: accounts and API tokens, workspaces with members, invitations and projects,
-- the audit log, designs with immutable versions, and uploaded datasets.
-- Ids are UUIDs so that URLs do not reveal how many rows exist.

CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username        text        NOT NULL,
    email           text        NOT NULL,
    display_name    text        NOT NULL,
    password_hash   text        NOT NULL,
    admin           boolean     NOT NULL DEFAULT false,
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz
);
-- Names and addresses are unique regardless of case ("Alice" and "alice" are the same account).
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Personal API tokens: only a SHA-256 of the secret is kept; the secret is shown once at creation.
CREATE TABLE api_tokens (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    token_hash    bytea       NOT NULL UNIQUE,
    prefix        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE workspaces (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL,
    created_by  uuid        NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workspace_members (
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    joined_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_members_user_idx ON workspace_members (user_id);

CREATE TABLE invitations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    invitee_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role           text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    invited_by     uuid        NOT NULL REFERENCES users (id),
    status         text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    answered_at    timestamptz
);
-- At most one open invitation per person and workspace.
CREATE UNIQUE INDEX invitations_pending_key ON invitations (workspace_id, invitee_id) WHERE status = 'PENDING';
CREATE INDEX invitations_invitee_idx ON invitations (invitee_id) WHERE status = 'PENDING';

CREATE TABLE projects (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    created_by    uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX projects_workspace_idx ON projects (workspace_id);

-- Who did what. workspace_id is null for account-level events (sign-up, login failures, tokens).
CREATE TABLE audit_log (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT now(),
    workspace_id  uuid REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    action        text        NOT NULL,
    target_type   text,
    target_id     text,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_workspace_idx ON audit_log (workspace_id, id DESC);

-- A design is a named, mutable pointer to its newest immutable version. latest_version is the optimistic
-- lock: a save names its base version and succeeds only while that is still the latest.
CREATE TABLE designs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id      uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    latest_version  integer     NOT NULL DEFAULT 0,
    created_by      uuid        NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE INDEX designs_project_idx ON designs (project_id) WHERE deleted_at IS NULL;

-- Immutable: rows are only ever inserted. Runs (added later) reference design_versions.id, so every run
-- records the exact design it trained. content is the netwright-design/1 JSON text exactly as saved.
CREATE TABLE design_versions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    design_id     uuid        NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    number        integer     NOT NULL CHECK (number >= 1),
    content       text        NOT NULL,
    message       text        NOT NULL DEFAULT '',
    author_id     uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    valid         boolean     NOT NULL,
    error_count   integer     NOT NULL DEFAULT 0,
    restored_from integer,
    UNIQUE (design_id, number)
);

CREATE OR REPLACE FUNCTION design_versions_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'design versions are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER design_versions_no_update BEFORE UPDATE ON design_versions
    FOR EACH ROW EXECUTE FUNCTION design_versions_immutable();

CREATE TABLE datasets (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id    uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('CSV', 'TSV', 'IMAGE_ZIP')),
    original_name text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    storage_path  text        NOT NULL,
    sha256        text        NOT NULL,
    summary       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by    uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX datasets_project_idx ON datasets (project_id) WHERE deleted_at IS NULL;
