-- Plans become data. A policy holds the terms a license lives by (seats, duration, expiry grace, offline-file
-- TTL, entitlements; heartbeat settings are kept for the heartbeats to come); a plan is a row naming its
-- policy; a subscription names its plan (auth keeps the same plan code for a user, passed through its api:
-- this module never writes auth's tables). Durations are whole seconds.
CREATE TABLE license.policies (
    id                         uuid        PRIMARY KEY,
    name                       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    max_seats                  integer     NOT NULL CHECK (max_seats BETWEEN 0 AND 1000000),
    duration_seconds           bigint      NOT NULL CHECK (duration_seconds > 0),
    expiry_grace_seconds       bigint      NOT NULL DEFAULT 0 CHECK (expiry_grace_seconds >= 0),
    offline_ttl_seconds        bigint      NOT NULL DEFAULT 2592000 CHECK (offline_ttl_seconds > 0),
    -- used by heartbeats, coming: null = no heartbeat required
    heartbeat_interval_seconds bigint      CHECK (heartbeat_interval_seconds > 0),
    heartbeat_grace_seconds    bigint      CHECK (heartbeat_grace_seconds >= 0),
    cull_after_seconds         bigint      CHECK (cull_after_seconds >= 0),
    resurrect_within_seconds   bigint      CHECK (resurrect_within_seconds >= 0),
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    version                    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT policies_name_key UNIQUE (name)
);

-- The catalogue of entitlement codes.
CREATE TABLE license.entitlements (
    code       text        PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    created_at timestamptz NOT NULL
);

-- A policy's entitlements; changing them raises the policy's version in the same transaction.
CREATE TABLE license.policy_entitlements (
    policy_id uuid NOT NULL REFERENCES license.policies (id) ON DELETE CASCADE,
    code      text NOT NULL REFERENCES license.entitlements (code),
    PRIMARY KEY (policy_id, code)
);
CREATE INDEX policy_entitlements_code_idx ON license.policy_entitlements (code);

-- Entitlements granted to one license on top of its policy's.
CREATE TABLE license.license_entitlements (
    license_id uuid NOT NULL REFERENCES license.licenses (id) ON DELETE CASCADE,
    code       text NOT NULL REFERENCES license.entitlements (code),
    PRIMARY KEY (license_id, code)
);
CREATE INDEX license_entitlements_code_idx ON license.license_entitlements (code);

CREATE TABLE license.plans (
    code       text        PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,32}$'),
    policy_id  uuid        NOT NULL REFERENCES license.policies (id),
    is_default boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    version    bigint      NOT NULL DEFAULT 0
);
CREATE INDEX plans_policy_id_idx ON license.plans (policy_id);
-- Self-registration's plan: exactly one (the application keeps one set; the index forbids two).
CREATE UNIQUE INDEX plans_one_default_key ON license.plans (is_default) WHERE is_default;

-- Today's plans, with the seats and validity the configuration gave them (HL_LICENSE_SEATS_*,
-- HL_LICENSE_VALIDITY): every answer stays the same. Later changes are made through the API.
INSERT INTO license.policies (id, name, max_seats, duration_seconds, created_at, updated_at)
SELECT gen_random_uuid(), p.name, p.seats, EXTRACT(EPOCH FROM btrim('${license_validity}')::interval)::bigint, now(), now()
FROM (VALUES ('Free', ${license_seats_free}), ('Pro', ${license_seats_pro}), ('Enterprise', ${license_seats_enterprise}))
         AS p(name, seats);
INSERT INTO license.plans (code, policy_id, is_default, created_at)
SELECT lower(name), id, name = 'Free', now() FROM license.policies;

-- A subscription names a plan of the catalogue (a plan in use cannot be deleted).
ALTER TABLE license.subscriptions DROP CONSTRAINT subscriptions_plan_check;
ALTER TABLE license.subscriptions
    ADD CONSTRAINT subscriptions_plan_fkey FOREIGN KEY (plan) REFERENCES license.plans (code);
CREATE INDEX subscriptions_plan_idx ON license.subscriptions (plan);
