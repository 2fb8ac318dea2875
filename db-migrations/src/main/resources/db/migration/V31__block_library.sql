-- A workspace's block library: named blocks with immutable, numbered versions (like designs). content is one
-- block definition as in a design document's blocks[] (docs/design-format.md). Designs pin the version they use by
-- carrying that definition in their own document, so later versions never change a saved design.
CREATE TABLE blocks (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name           text        NOT NULL,
    latest_version integer     NOT NULL DEFAULT 0,
    created_by     uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, name)
);

CREATE TABLE block_versions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    block_id   uuid        NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    number     integer     NOT NULL CHECK (number >= 1),
    content    text        NOT NULL,
    message    text        NOT NULL DEFAULT '',
    author_id  uuid        NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (block_id, number)
);

CREATE OR REPLACE FUNCTION block_versions_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'block versions are immutable';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER block_versions_no_update BEFORE UPDATE ON block_versions
    FOR EACH ROW EXECUTE FUNCTION block_versions_immutable();
