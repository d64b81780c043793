-- Users' registered databases. Credentials are AES-GCM encrypted by the application (nonce || ciphertext).
CREATE TABLE schemasync.datasource (
    id            uuid        PRIMARY KEY,
    owner_id      text        NOT NULL,
    name          text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('postgresql', 'mariadb', 'mysql', 'sqlite')),
    host          text,
    port          integer     CHECK (port BETWEEN 1 AND 65535),
    database_name text,
    username      text,
    file          text,
    options       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    secret        bytea,
    created_at    timestamptz NOT NULL,
    UNIQUE (owner_id, name)
);

-- The event store: the source of truth of every table's schema. (stream_id, version) is the optimistic
-- concurrency guard: two writers that read the same stream cannot both append the same next version.
CREATE TABLE schemasync.event (
    stream_id   uuid        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    type        text        NOT NULL,
    data        jsonb       NOT NULL,
    metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (stream_id, version)
);

CREATE FUNCTION schemasync.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'schemasync.event is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER event_immutable BEFORE UPDATE OR DELETE ON schemasync.event
    FOR EACH ROW EXECUTE FUNCTION schemasync.refuse_event_change();

-- One row per table stream: which database it belongs to and who owns it.
CREATE TABLE schemasync.sync_table (
    table_id      uuid        PRIMARY KEY,
    datasource_id uuid        NOT NULL REFERENCES schemasync.datasource (id) ON DELETE CASCADE,
    owner_id      text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX sync_table_datasource_idx ON schemasync.sync_table (datasource_id, created_at);

-- The table names each stream holds in its database: its confirmed name, the names its pending changes
-- run against and its latest name. Two streams can never claim one table of the user's database, so a
-- change can never be confirmed because another stream's table happens to exist.
CREATE TABLE schemasync.table_name_claim (
    datasource_id uuid NOT NULL REFERENCES schemasync.datasource (id) ON DELETE CASCADE,
    lower_name    text NOT NULL,
    table_id      uuid NOT NULL REFERENCES schemasync.sync_table (table_id) ON DELETE CASCADE,
    PRIMARY KEY (datasource_id, lower_name)
);

-- The transactional outbox: written in the transaction of the event that requests the change.
CREATE TABLE schemasync.outbox (
    id              uuid        PRIMARY KEY,
    stream_id       uuid        NOT NULL,
    change_version  integer     NOT NULL,
    datasource_id   uuid        NOT NULL,
    change          jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'done', 'rejected')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claim_token     uuid,
    claimed_until   timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    UNIQUE (stream_id, change_version)
);
CREATE INDEX outbox_pending_idx ON schemasync.outbox (stream_id, change_version) WHERE status = 'pending';
CREATE INDEX outbox_datasource_pending_idx ON schemasync.outbox (datasource_id) WHERE status = 'pending';
