-- Receivers of signed webhooks. owner_id NULL: an admin's endpoint, which hears every user's events;
-- otherwise a user's, which hears only that user's. Secrets are AES-GCM sealed by the application
-- (nonce || ciphertext || tag, bound to the endpoint id); the previous one signs too until its time ends.
CREATE TABLE webhooks.endpoint (
    id                    uuid        PRIMARY KEY,
    owner_id              uuid,
    url                   text        NOT NULL CHECK (length(url) <= 2048),
    description           text        CHECK (length(description) <= 500),
    events                text[]      NOT NULL CHECK (cardinality(events) > 0),
    enabled               boolean     NOT NULL DEFAULT true,
    disabled_reason       text,
    secret                bytea       NOT NULL,
    previous_secret       bytea,
    previous_secret_until timestamptz,
    failing_since         timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX endpoint_owner_idx ON webhooks.endpoint (owner_id, created_at);
CREATE INDEX endpoint_events_idx ON webhooks.endpoint USING gin (events) WHERE enabled;

-- The webhook outbox: one row per event and subscribed endpoint, written in the transaction of the
-- change. id is the webhook-id (stable across retries). body is kept as sent, so every attempt signs
-- the same bytes. Claimed with FOR UPDATE SKIP LOCKED and a lease on this database's clock.
CREATE TABLE webhooks.delivery (
    id               uuid        PRIMARY KEY,
    endpoint_id      uuid        NOT NULL REFERENCES webhooks.endpoint (id) ON DELETE CASCADE,
    event_type       text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    claim_token      uuid,
    claimed_until    timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_latency_ms  integer,
    last_response    text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz
);
CREATE INDEX delivery_due_idx ON webhooks.delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_endpoint_idx ON webhooks.delivery (endpoint_id, created_at DESC);
