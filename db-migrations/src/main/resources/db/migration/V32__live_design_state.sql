-- Live co-editing: the shared working state of each design that is being edited (not a version: saving a version
-- stays an explicit act), and the ordered log of the edits applied to it. seq orders a design's edits; the server
-- applies each patch under a row lock on design_live_state, so every app instance sees the same order.
CREATE TABLE design_live_state (
    design_id    uuid PRIMARY KEY REFERENCES designs (id) ON DELETE CASCADE,
    seq          bigint      NOT NULL DEFAULT 0 CHECK (seq >= 0),
    content      text        NOT NULL,
    from_version integer     NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- ops: the patch as it took effect (ids after renames, the values actually replaced); conflicts: what did not apply
-- as its author meant, with the value that won (the author was told).
CREATE TABLE design_live_ops (
    design_id  uuid        NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL CHECK (seq >= 1),
    author_id  uuid        NOT NULL REFERENCES users (id),
    client_id  uuid        NOT NULL,
    ops        jsonb       NOT NULL,
    conflicts  jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (design_id, seq)
);
