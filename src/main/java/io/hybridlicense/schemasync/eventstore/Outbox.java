package io.hybridlicense.schemasync.eventstore;

import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The transactional outbox (table {@code schemasync.outbox}): one row per requested change, written in
 * the request's transaction, claimed by pollers, finished in the transaction that records the outcome.
 * Every time here is the core database's {@code now()}: several servers compare leases and due times
 * against one clock, whatever their own clocks say.
 */
@ApplicationScoped
public class Outbox {

    /**
     * A row claimed by this server until its lease ends; {@code token} proves the claim is still ours.
     *
     * @param attempts how many times the row has been claimed, this claim included
     * @param age      how long ago the change was requested
     */
    public record Claim(UUID id, UUID streamId, int changeVersion, UUID datasourceId, int attempts, UUID token, Duration age) {
    }

    private static final String MILLIS = " (? * interval '1 millisecond')";

    private final Jdbc jdbc;

    Outbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void enqueue(UUID stream, int changeVersion, UUID datasource, String kind, String table) {
        jdbc.update("INSERT INTO schemasync.outbox (id, stream_id, change_version, datasource_id, change, status, "
                        + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, jsonb_build_object('kind', ?::text, 'table', ?::text), "
                        + "'pending', now(), now())",
                UUID.randomUUID(), stream, changeVersion, datasource, kind, table);
    }

    /**
     * Claims due rows, at most one per table: only the lowest pending version of each stream is
     * eligible, so a table's changes run strictly in order. {@code SKIP LOCKED} lets several servers
     * claim side by side; the conditions on {@code o} are re-checked on the locked row, so a row another
     * server claimed or finished a moment ago is not claimed again. One statement: atomic by itself.
     */
    public List<Claim> claim(int limit, Duration lease) {
        return jdbc.list("""
                UPDATE schemasync.outbox SET claim_token = ?, claimed_until = now() +""" + MILLIS + """
                , attempts = attempts + 1
                WHERE id IN (
                    SELECT o.id FROM schemasync.outbox o
                    JOIN (SELECT DISTINCT ON (stream_id) id FROM schemasync.outbox
                          WHERE status = 'pending' ORDER BY stream_id, change_version) lowest ON lowest.id = o.id
                    WHERE o.status = 'pending' AND o.next_attempt_at <= now()
                      AND (o.claimed_until IS NULL OR o.claimed_until < now())
                    ORDER BY o.next_attempt_at
                    LIMIT ?
                    FOR UPDATE OF o SKIP LOCKED)
                RETURNING id, stream_id, change_version, datasource_id, attempts, claim_token,
                          (extract(epoch FROM now() - created_at) * 1000)::bigint AS age_millis""",
                row -> new Claim(row.getObject("id", UUID.class), row.getObject("stream_id", UUID.class),
                        row.getInt("change_version"), row.getObject("datasource_id", UUID.class), row.getInt("attempts"),
                        row.getObject("claim_token", UUID.class), Duration.ofMillis(row.getLong("age_millis"))),
                UUID.randomUUID(), lease.toMillis(), limit);
    }

    /**
     * The heartbeat: renews the leases of claims whose attempts are still running.
     *
     * @return the claims that are no longer ours (finished, or taken over after a lapse)
     */
    public Set<Claim> extend(Collection<Claim> claims, Duration lease) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        Set<UUID> renewed = Set.copyOf(jdbc.list("""
                UPDATE schemasync.outbox o SET claimed_until = now() +""" + MILLIS + """
                FROM unnest(?::uuid[], ?::uuid[]) AS mine(id, token)
                WHERE o.id = mine.id AND o.claim_token = mine.token AND o.status = 'pending'
                RETURNING o.id""", row -> row.getObject(1, UUID.class), lease.toMillis(),
                Jdbc.arrayLiteral(claims.stream().map(Claim::id).toList()),
                Jdbc.arrayLiteral(claims.stream().map(Claim::token).toList())));
        return claims.stream().filter(c -> !renewed.contains(c.id())).collect(Collectors.toSet());
    }

    /**
     * Gives claims back before their lease ends (this server is stopping): their rows are claimable at
     * once, without waiting for the lease to lapse. A claim no longer ours is left alone.
     *
     * @return the claims released
     */
    public List<Claim> release(Collection<Claim> claims) {
        Set<UUID> released = Set.copyOf(jdbc.list("""
                UPDATE schemasync.outbox o SET claim_token = NULL, claimed_until = NULL
                FROM unnest(?::uuid[], ?::uuid[]) AS mine(id, token)
                WHERE o.id = mine.id AND o.claim_token = mine.token AND o.status = 'pending'
                RETURNING o.id""", row -> row.getObject(1, UUID.class),
                Jdbc.arrayLiteral(claims.stream().map(Claim::id).toList()),
                Jdbc.arrayLiteral(claims.stream().map(Claim::token).toList())));
        return claims.stream().filter(c -> released.contains(c.id())).toList();
    }

    /** Locks the row and tells whether this claim still owns a pending row. */
    public boolean stillOwned(Claim claim) {
        return jdbc.one("SELECT claim_token FROM schemasync.outbox WHERE id = ? AND status = 'pending' FOR UPDATE",
                row -> row.getObject(1, UUID.class), claim.id()).filter(claim.token()::equals).isPresent();
    }

    public void finish(UUID stream, int changeVersion, String status) {
        jdbc.update("UPDATE schemasync.outbox SET status = ?, finished_at = now(), claim_token = NULL, claimed_until = NULL "
                + "WHERE stream_id = ? AND change_version = ? AND status = 'pending'", status, stream, changeVersion);
    }

    /**
     * Records why the attempt failed and releases the claim until {@code delay} from now.
     *
     * @return false when the claim was no longer ours (nothing recorded)
     */
    public boolean retryLater(Claim claim, String error, Duration delay) {
        return 1 == jdbc.update("UPDATE schemasync.outbox SET last_error = ?, next_attempt_at = now() +" + MILLIS + ", claim_token = NULL, "
                + "claimed_until = NULL WHERE id = ? AND claim_token = ?", error, delay.toMillis(), claim.id(), claim.token());
    }

    /** Why the pending change of a stream is being retried, if it is. */
    public Optional<String> currentError(UUID stream) {
        return jdbc.one("SELECT last_error FROM schemasync.outbox WHERE stream_id = ? AND status = 'pending' "
                + "AND last_error IS NOT NULL ORDER BY change_version LIMIT 1", row -> row.getString(1), stream);
    }

    public boolean hasPending(UUID datasource) {
        return jdbc.one("SELECT 1 FROM schemasync.outbox WHERE datasource_id = ? AND status = 'pending' LIMIT 1",
                row -> true, datasource).isPresent();
    }
}
