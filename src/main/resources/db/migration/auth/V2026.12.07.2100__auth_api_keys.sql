-- Long-lived API keys (ApiKeys, docs/auth-and-license.md#api-keys). The secret is
-- hl_<prefix>_<32 random bytes in base62>; only its SHA-256 is stored. A request's key is found by its
-- public prefix (unique index) and its hash compared in constant time in the application.
-- kind 'admin': a back-office key (created under /api/v1/admin/api-keys, carries the admin role while
-- its owner is an admin); 'user': a key for its owner's own resources.
CREATE TABLE auth.api_keys (
    id           uuid        PRIMARY KEY,
    owner_id     uuid        NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('admin', 'user')),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL CHECK (prefix ~ '^[0-9A-Za-z]{12}$'),
    secret_hash  bytea       NOT NULL CHECK (length(secret_hash) = 32),
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   uuid        NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE UNIQUE INDEX api_keys_prefix ON auth.api_keys (prefix);
CREATE INDEX api_keys_owner ON auth.api_keys (owner_id, created_at);

-- The runtime role gets row access through the owner's default privileges in schema auth
-- (V2026.12.01.0601); granted here too, explicitly.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON auth.api_keys TO %I', runtime_role);
    END IF;
END
$grants$;
