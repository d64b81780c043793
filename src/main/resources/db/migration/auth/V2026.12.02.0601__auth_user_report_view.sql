-- The read-only reporting view of accounts for admin (the one declared exception to "only through the
-- api"): what an admin may see of a user, never the password hash. email_key is the search key: the
-- lower-cased email in the "C" collation, so that an email-prefix LIKE and the keyset order of the
-- users list are both served by users_email_key_c_idx.
CREATE VIEW auth.user_report AS
SELECT id, email, lower(email) COLLATE "C" AS email_key, plan, admin, created_at
FROM auth.users;

-- The users list: prefix search and keyset pagination by email_key (unique, as users_email_key).
CREATE INDEX users_email_key_c_idx ON auth.users ((lower(email) COLLATE "C"));
-- The users-per-plan statistics: per plan, all users and those created since a day (index-only).
CREATE INDEX users_plan_created_at_idx ON auth.users (plan, created_at);

-- Read-only for the runtime role: the schema's default privileges would also grant INSERT, UPDATE and
-- DELETE, and a simple view is updatable through to auth.users.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON auth.user_report FROM %I', runtime_role);
        EXECUTE format('GRANT SELECT ON auth.user_report TO %I', runtime_role);
    END IF;
END
$grants$;
