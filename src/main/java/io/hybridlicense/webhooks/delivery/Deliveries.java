package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook outbox (table {@code webhooks.delivery}). Rows are written in the transaction of the change
 * they announce (numbered by {@code seq} as written), claimed per endpoint in that order with
 * {@code SKIP LOCKED} and a lease, and settled only by the claim
 * that holds them (its token). Every time is the core database's {@code now()}: all instances compare
 * leases and due times on one clock.
 */
@ApplicationScoped
class Deliveries {

    private static final String MILLIS = " (? * interval '1 millisecond')";

    /**
     * A row claimed until its lease ends; {@code token} proves the claim is still ours.
     *
     * @param attempts how many times it has been claimed, this claim included
     */
    record Claim(UUID id, UUID endpointId, long seq, String url, String body, int attempts, UUID token) {
    }

    /** One delivery as listed. */
    record Row(UUID id, UUID endpointId, String eventType, String status, int attempts, Integer lastStatusCode,
               Integer lastLatencyMs, String lastResponse, String lastError, Instant lastAttemptAt, Instant nextAttemptAt,
               Instant createdAt, Instant finishedAt) {
    }

    private final Jdbc jdbc;

    Deliveries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One row per enabled endpoint that subscribed to {@code type} and hears {@code owner}'s events (admins'
     * endpoints hear everyone's); in the caller's transaction.
     *
     * @param owner the user the event concerns
     * @return how many rows were written
     */
    int enqueue(String type, UUID owner, String body) {
        return jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "SELECT gen_random_uuid(), e.id, ?, ?, 'pending', now(), now() FROM webhooks.endpoint e "
                + "WHERE e.enabled AND e.events @> ARRAY[?]::text[] AND (e.owner_id IS NULL OR e.owner_id = ?::uuid)",
                type, body, type, owner);
    }

    /**
     * {@link #enqueue} for many events of one type in one statement ({@code owners[i]}'s event has
     * {@code bodies[i]}), in their order.
     */
    int enqueueAll(String type, UUID[] owners, String[] bodies) {
        return jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "SELECT gen_random_uuid(), e.id, ?, v.body, 'pending', now(), now() "
                + "FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS v(owner, body, n) JOIN webhooks.endpoint e "
                + "ON e.enabled AND e.events @> ARRAY[?]::text[] AND (e.owner_id IS NULL OR e.owner_id = v.owner) "
                + "ORDER BY v.n, e.id", type, owners, bodies, type);
    }

    /** One row for one endpoint, whatever it subscribed to (the test event). */
    UUID enqueueFor(UUID endpoint, String type, String body) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, 'pending', now(), now())", id, endpoint, type, body);
        return id;
    }

    /**
     * Claims, for up to {@code endpoints} enabled endpoints, the head (the pending row with the lowest
     * {@code seq}) when it is due and not claimed, with the rows after it: up to {@code perEndpoint} rows in
     * {@code seq} order, to be sent one after another. An endpoint whose head waits (backing off) or is
     * claimed gets nothing, so its rows go out in order and one at a time. The endpoints that have pending
     * rows are walked through {@code delivery_pending_order_idx} (one probe each, however long their queues);
     * each chosen endpoint's row is locked {@code FOR NO KEY UPDATE SKIP LOCKED}, so two instances claiming at
     * once never claim rows of one endpoint side by side, and the conditions are checked again on the locked
     * rows. One statement: atomic by itself.
     *
     * @return the claims, per endpoint in {@code seq} order
     */
    List<Claim> claim(int endpoints, int perEndpoint, Duration lease) {
        List<Claim> claims = jdbc.list("""
                WITH RECURSIVE heads AS (
                    (SELECT endpoint_id, seq FROM webhooks.delivery WHERE status = 'pending' ORDER BY endpoint_id, seq LIMIT 1)
                    UNION ALL
                    SELECT n.endpoint_id, n.seq FROM heads h CROSS JOIN LATERAL (
                        SELECT endpoint_id, seq FROM webhooks.delivery
                        WHERE status = 'pending' AND endpoint_id > h.endpoint_id ORDER BY endpoint_id, seq LIMIT 1) n),
                ready AS (
                    SELECT e.id, head.seq FROM heads h
                    JOIN webhooks.delivery head ON head.endpoint_id = h.endpoint_id AND head.seq = h.seq AND head.status = 'pending'
                    JOIN webhooks.endpoint e ON e.id = h.endpoint_id
                    WHERE e.enabled AND head.next_attempt_at <= now() AND (head.claimed_until IS NULL OR head.claimed_until < now())
                    ORDER BY head.next_attempt_at
                    LIMIT ?
                    FOR NO KEY UPDATE OF e SKIP LOCKED),
                batch AS (
                    SELECT b.id FROM ready r CROSS JOIN LATERAL (
                        SELECT o.id FROM webhooks.delivery o WHERE o.endpoint_id = r.id AND o.status = 'pending' AND o.seq >= r.seq
                        ORDER BY o.seq LIMIT ?) b)
                UPDATE webhooks.delivery d SET claim_token = ?, claimed_until = now() +""" + MILLIS + """
                , attempts = d.attempts + 1
                FROM webhooks.endpoint e
                WHERE e.id = d.endpoint_id AND d.id IN (SELECT id FROM batch) AND d.status = 'pending'
                  AND (d.claimed_until IS NULL OR d.claimed_until < now())
                RETURNING d.id, d.endpoint_id, d.seq, e.url, d.body, d.attempts, d.claim_token""",
                row -> new Claim(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "endpoint_id"), row.getLong("seq"), row.getString("url"),
                        row.getString("body"), row.getInt("attempts"), Jdbc.uuid(row, "claim_token")),
                endpoints, perEndpoint, UUID.randomUUID(), lease.toMillis());
        return claims.stream().sorted(Comparator.comparing(Claim::endpointId).thenComparingLong(Claim::seq)).toList();
    }

    /** What one attempt found; {@code statusCode} null when no answer came. */
    record Outcome(Integer statusCode, int latencyMs, String response, String error) {

        boolean success() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * Records an attempt: delivered, retried after {@code retryIn}, or failed ({@code retryIn} null).
     * Also keeps the endpoint's failure streak: cleared by a success, started by the first failure.
     *
     * @return false when the claim was no longer ours (nothing recorded)
     */
    boolean settle(Claim claim, Outcome outcome, Duration retryIn) {
        String status = outcome.success() ? "delivered" : retryIn == null ? "failed" : "pending";
        int updated = jdbc.update("UPDATE webhooks.delivery SET status = ?, claim_token = NULL, claimed_until = NULL, "
                        + "last_attempt_at = now(), last_status_code = ?, last_latency_ms = ?, last_response = ?, last_error = ?, "
                        + "next_attempt_at = CASE WHEN ? THEN now() +" + MILLIS + " ELSE next_attempt_at END, "
                        + "finished_at = CASE WHEN ? THEN NULL ELSE now() END "
                        + "WHERE id = ? AND claim_token = ? AND status = 'pending'",
                status, outcome.statusCode(), outcome.latencyMs(), outcome.response(), outcome.error(),
                "pending".equals(status), retryIn == null ? 0L : retryIn.toMillis(), "pending".equals(status), claim.id(), claim.token());
        if (updated == 1) {
            jdbc.update(outcome.success()
                    ? "UPDATE webhooks.endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL"
                    : "UPDATE webhooks.endpoint SET failing_since = now() WHERE id = ? AND failing_since IS NULL", claim.endpointId());
        }
        return updated == 1;
    }

    /**
     * Records deliveries taken (2xx) by one run, in one statement, each only while its claim is still ours;
     * then clears their endpoints' failure streak.
     *
     * @return how many were recorded
     */
    int settleDelivered(List<Claim> claims, List<Outcome> outcomes) {
        // arrays of String and Integer are what the driver binds by itself
        String[] ids = claims.stream().map(claim -> claim.id().toString()).toArray(String[]::new);
        String[] tokens = claims.stream().map(claim -> claim.token().toString()).toArray(String[]::new);
        Integer[] codes = outcomes.stream().map(Outcome::statusCode).toArray(Integer[]::new);
        Integer[] latencies = outcomes.stream().map(Outcome::latencyMs).toArray(Integer[]::new);
        String[] responses = outcomes.stream().map(Outcome::response).toArray(String[]::new);
        int updated = jdbc.update("UPDATE webhooks.delivery d SET status = 'delivered', claim_token = NULL, claimed_until = NULL, "
                        + "last_attempt_at = now(), last_status_code = u.code, last_latency_ms = u.latency, last_response = u.response, "
                        + "last_error = NULL, finished_at = now() "
                        + "FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::text[]) AS u(id, token, code, latency, response) "
                        + "WHERE d.id = u.id::uuid AND d.claim_token = u.token::uuid AND d.status = 'pending'",
                ids, tokens, codes, latencies, responses);
        claims.stream().map(Claim::endpointId).distinct().forEach(endpoint -> jdbc.update(
                "UPDATE webhooks.endpoint SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", endpoint));
        return updated;
    }

    /**
     * Disables the endpoint if it has failed without a success for {@code after}; one statement, so of
     * instances settling at once exactly one disables it.
     */
    boolean disableIfFailingFor(UUID endpoint, Duration after) {
        return 1 == jdbc.update("UPDATE webhooks.endpoint SET enabled = false, disabled_reason = 'failing', updated_at = now() "
                + "WHERE id = ? AND enabled AND failing_since <= now() -" + MILLIS, endpoint, after.toMillis());
    }

    /** Gives claims back early (this instance stops): claimable at once again. */
    void release(UUID id, UUID token) {
        jdbc.update("UPDATE webhooks.delivery SET claim_token = NULL, claimed_until = NULL, attempts = attempts - 1 "
                + "WHERE id = ? AND claim_token = ? AND status = 'pending'", id, token);
    }

    /** Due again now, with a fresh count of attempts (by hand); only a settled or waiting row, never a claimed one. */
    boolean redeliver(UUID id) {
        return 1 == jdbc.update("UPDATE webhooks.delivery SET status = 'pending', attempts = 0, next_attempt_at = now(), "
                + "finished_at = NULL WHERE id = ? AND (claimed_until IS NULL OR claimed_until < now())", id);
    }

    /** Deletes up to {@code limit} deliveries settled before {@code age} ago; how many it deleted. */
    int purgeSettled(Duration age, int limit) {
        return jdbc.update("DELETE FROM webhooks.delivery WHERE id IN (SELECT id FROM webhooks.delivery "
                + "WHERE status IN ('delivered', 'failed') AND finished_at < now() -" + MILLIS + " LIMIT ?)", age.toMillis(), limit);
    }

    List<Row> list(UUID endpoint, String status, int limit) {
        return jdbc.list("SELECT * FROM webhooks.delivery WHERE endpoint_id = ? AND (?::text IS NULL OR status = ?::text) "
                + "ORDER BY created_at DESC, id LIMIT ?", Deliveries::row, endpoint, status, status, limit);
    }

    Optional<Row> find(UUID id) {
        return jdbc.one("SELECT * FROM webhooks.delivery WHERE id = ?", Deliveries::row, id);
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "endpoint_id"), row.getString("event_type"), row.getString("status"),
                row.getInt("attempts"), (Integer) row.getObject("last_status_code"), (Integer) row.getObject("last_latency_ms"),
                row.getString("last_response"), row.getString("last_error"), Jdbc.instant(row, "last_attempt_at"),
                Jdbc.instant(row, "next_attempt_at"), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "finished_at"));
    }
}
