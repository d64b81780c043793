-- Brute-force buckets, shared by every instance (LoginThrottle, docs/auth-and-license.md). One row per
-- bucket, as the generic cell rate algorithm keeps it (a token bucket refilled one token every
-- period / capacity): the time at which the bucket is full again. A row whose full_at has passed
-- holds no information and is deleted by a periodic job.
-- The key is a SHA-256 digest of "account:<email>" or "address:<ip>": what an attacker types as an
-- email is not stored, and every key has the same size.
CREATE TABLE auth.login_buckets (
    bucket  bytea       PRIMARY KEY CHECK (length(bucket) = 32),
    full_at timestamptz NOT NULL
);

CREATE INDEX login_buckets_full_at ON auth.login_buckets (full_at);

-- Takes one token, or none when the bucket is empty: one upsert, which locks the row, so the check and
-- the take are one atomic step however many instances ask at once. A token is taken when full_at,
-- moved one step on, stays within one period of now; a refusal writes nothing. full_again_at is the
-- row's full_at afterwards (an empty bucket has its next token at full_again_at + step - period).
-- taken_at is the application's clock (tests stop and move it), not the database's.
CREATE FUNCTION auth.take_login_token(bucket_key bytea, taken_at timestamptz, step interval, refill_period interval,
                                      OUT took boolean, OUT full_again_at timestamptz)
LANGUAGE plpgsql AS $take$
BEGIN
    INSERT INTO auth.login_buckets AS b (bucket, full_at)
    VALUES (bucket_key, taken_at + step)
    ON CONFLICT (bucket) DO UPDATE SET full_at = greatest(b.full_at, taken_at) + step
        WHERE greatest(b.full_at, taken_at) + step <= taken_at + refill_period
    RETURNING b.full_at INTO full_again_at;
    took := FOUND;
    IF NOT took THEN
        -- the refused upsert still holds the row's lock: nobody changed or deleted it since
        SELECT b.full_at INTO full_again_at FROM auth.login_buckets b WHERE b.bucket = bucket_key;
    END IF;
END
$take$;

-- The runtime role gets row access through the owner's default privileges in schema auth
-- (V2026.12.01.0601); granted here too, explicitly, with the function.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON auth.login_buckets TO %I', runtime_role);
        EXECUTE format('GRANT EXECUTE ON FUNCTION auth.take_login_token(bytea, timestamptz, interval, interval) TO %I',
                runtime_role);
    END IF;
END
$grants$;
