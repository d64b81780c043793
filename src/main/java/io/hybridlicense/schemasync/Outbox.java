package io.hybridlicense.schemasync;

import io.hybridlicense.shared.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox (table {@code schemasync.outbox}): one row per requested change, written in
 * the request's transaction, claimed by pollers, finished in the transaction that records the outcome.
 */
@ApplicationScoped
class Outbox {

    /** A row claimed by this server until {@code claimedUntil}; {@code token} proves the claim is still ours. */
    record Claim(UUID id, UUID streamId, int changeVersion, UUID datasourceId, int attempts, UUID token) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    Outbox(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void enqueue(UUID stream, int changeVersion, UUID datasource, String kind, String table) {
        Instant now = clock.now();
        jdbc.update("INSERT INTO schemasync.outbox (id, stream_id, change_version, datasource_id, change, status, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, jsonb_build_object('kind', ?::text, 'table', ?::text), "
                        + "'pending', ?, ?)",
                UUID.randomUUID(), stream, changeVersion, datasource, kind, table, now, now);
    }

    /**
     * Claims due rows, at most one per table: only the lowest pending version of each stream is
     * eligible, so a table's changes run strictly in order. {@code SKIP LOCKED} lets several servers
     * claim side by side; the conditions on {@code o} are re-checked on the locked row, so a row another
     * server claimed or finished a moment ago is not claimed again. One statement: atomic by itself.
     */
    List<Claim> claim(int limit, Duration claimTimeout) {
        Instant now = clock.now();
        return jdbc.list("""
                UPDATE schemasync.outbox SET claim_token = ?, claimed_until = ?, attempts = attempts + 1
                WHERE id IN (
                    SELECT o.id FROM schemasync.outbox o
                    JOIN (SELECT DISTINCT ON (stream_id) id FROM schemasync.outbox
                          WHERE status = 'pending' ORDER BY stream_id, change_version) lowest ON lowest.id = o.id
                    WHERE o.status = 'pending' AND o.next_attempt_at <= ?
                      AND (o.claimed_until IS NULL OR o.claimed_until < ?)
                    ORDER BY o.next_attempt_at
                    LIMIT ?
                    FOR UPDATE OF o SKIP LOCKED)
                RETURNING id, stream_id, change_version, datasource_id, attempts, claim_token""",
                row -> new Claim(row.getObject("id", UUID.class), row.getObject("stream_id", UUID.class),
                        row.getInt("change_version"), row.getObject("datasource_id", UUID.class), row.getInt("attempts"),
                        row.getObject("claim_token", UUID.class)),
                UUID.randomUUID(), now.plus(claimTimeout), now, now, limit);
    }

    /** Locks the row and tells whether this claim still owns a pending row. */
    boolean stillOwned(Claim claim) {
        return jdbc.one("SELECT claim_token FROM schemasync.outbox WHERE id = ? AND status = 'pending' FOR UPDATE",
                row -> row.getObject(1, UUID.class), claim.id()).filter(claim.token()::equals).isPresent();
    }

    void finish(UUID stream, int changeVersion, String status) {
        jdbc.update("UPDATE schemasync.outbox SET status = ?, finished_at = ?, claim_token = NULL, claimed_until = NULL "
                + "WHERE stream_id = ? AND change_version = ? AND status = 'pending'", status, clock.now(), stream, changeVersion);
    }

    void retryLater(Claim claim, String error, Instant at) {
        jdbc.update("UPDATE schemasync.outbox SET last_error = ?, next_attempt_at = ?, claim_token = NULL, "
                + "claimed_until = NULL WHERE id = ? AND claim_token = ?", error, at, claim.id(), claim.token());
    }

    /** Why the pending change of a stream is being retried, if it is. */
    Optional<String> currentError(UUID stream) {
        return jdbc.one("SELECT last_error FROM schemasync.outbox WHERE stream_id = ? AND status = 'pending' "
                + "AND last_error IS NOT NULL ORDER BY change_version LIMIT 1", row -> row.getString(1), stream);
    }

    boolean hasPending(UUID datasource) {
        return jdbc.one("SELECT 1 FROM schemasync.outbox WHERE datasource_id = ? AND status = 'pending' LIMIT 1",
                row -> true, datasource).isPresent();
    }
}
