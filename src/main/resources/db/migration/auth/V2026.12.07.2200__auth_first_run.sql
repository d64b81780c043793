-- First run (issue 19). A password an admin set for a user is temporary: signing in with it leads to
-- choosing a new one (console) or answers 403 password-change-required (API) until it is replaced.
ALTER TABLE auth.users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- "Does an admin exist?" is asked by the entrance (/, the sign-in page) until one does: an index of
-- the admins answers it without reading the users.
CREATE INDEX users_admins_idx ON auth.users (id) WHERE admin;

-- The one-time set-up code that makes the first admin while no admin exists: one row at most, made by
-- the first instance that needs it (INSERT ... ON CONFLICT DO NOTHING), so that every instance prints and
-- accepts the same code; deleted in the transaction that makes the first admin.
CREATE TABLE auth.setup_code (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    code       text NOT NULL,
    created_at timestamptz NOT NULL
);

-- The runtime role reads, makes and deletes the code (default privileges cover it; said explicitly, as
-- for auth.login_buckets).
DO $grants$
DECLARE
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, DELETE ON auth.setup_code TO %I', runtime_role);
    END IF;
END
$grants$;
