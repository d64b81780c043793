-- One subscription per user, started in the transaction that registers the user. Activation and plan
-- changes lock this row (SELECT ... FOR UPDATE) so that seat counting is serialised per user.
CREATE TABLE license.subscriptions (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL,
    plan       text        NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    status     text        NOT NULL CHECK (status IN ('active', 'past_due')),
    started_at timestamptz NOT NULL,
    renews_at  timestamptz NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT subscriptions_user_id_key UNIQUE (user_id)
);

-- The renewal job's lookup.
CREATE INDEX subscriptions_renews_at_idx ON license.subscriptions (renews_at) WHERE status = 'active';

CREATE TABLE license.licenses (
    id                uuid        PRIMARY KEY,
    user_id           uuid        NOT NULL,
    client_id         text        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 128),
    status            text        NOT NULL
                                  CHECK (status IN ('active', 'suspended', 'revoked', 'expired', 'deactivated')),
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    last_validated_at timestamptz,
    version           bigint      NOT NULL DEFAULT 0
);

-- A client id belongs to at most one live (seat-holding) license; finished licenses keep their row
-- for history and free the client id. Also the activation lookup by client id.
CREATE UNIQUE INDEX licenses_live_client_id_key ON license.licenses (client_id)
    WHERE status IN ('active', 'suspended');
-- Seat counting (user_id + status) and the owner's list (user_id, newest first).
CREATE INDEX licenses_user_status_idx ON license.licenses (user_id, status, created_at DESC);
-- The expiry job's lookup: only live licenses can expire.
CREATE INDEX licenses_expires_at_idx ON license.licenses (expires_at) WHERE status IN ('active', 'suspended');
