-- Sign-up invitations: with netwright.security.signup=invitation, a new account needs a one-time code that an
-- administrator created. Only the code's SHA-256 is stored; an invitation may be bound to one e-mail address.
CREATE TABLE signup_invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code_hash   bytea       NOT NULL UNIQUE,
    email       text,
    created_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  timestamptz
);
