-- Accounts. The email is kept as entered (trimmed); uniqueness and lookups ignore case.
CREATE TABLE auth.users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL CHECK (email = btrim(email) AND length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL,
    plan          text        NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    admin         boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0
);

-- Login, registration and activation look users up by lower(email); also what makes two concurrent
-- registrations of the same address end in one row and one 409.
CREATE UNIQUE INDEX users_email_key ON auth.users (lower(email));
