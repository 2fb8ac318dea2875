-- Caps and throttles that used to live in one app instance's memory, so that they hold across every instance on
-- this database (several app instances behind a load balancer would otherwise each allow the full amount).

-- One row per live event stream (SSE) a user holds open. The instance serving the stream renews expires_at while it
-- is open and deletes the row when it ends; the rows of an instance that died (even with SIGKILL) expire on their own.
CREATE TABLE stream_slots (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    holder     text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX stream_slots_user_idx ON stream_slots (user_id, expires_at);
CREATE INDEX stream_slots_expiry_idx ON stream_slots (expires_at);

-- Events counted per client address in a sliding window (failed logins, sign-ups); a row is kept until its window
-- has passed.
CREATE TABLE address_events (
    kind       text NOT NULL CHECK (kind IN ('FAILED_LOGIN', 'SIGNUP')),
    address    text NOT NULL,
    at         timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX address_events_lookup_idx ON address_events (kind, address, at);
CREATE INDEX address_events_expiry_idx ON address_events (expires_at);
