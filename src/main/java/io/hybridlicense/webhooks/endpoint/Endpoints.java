package io.hybridlicense.webhooks.endpoint;

import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The table {@code webhooks.endpoint}. */
@ApplicationScoped
public class Endpoints {

    private static final String COLUMNS = "id, owner_id, url, description, events, enabled, disabled_reason, secret, "
            + "previous_secret, previous_secret_until, failing_since, created_at, updated_at";

    private final Jdbc jdbc;

    Endpoints(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EndpointRecord e) {
        jdbc.update("INSERT INTO webhooks.endpoint (id, owner_id, url, description, events, enabled, secret, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?::text[], true, ?, ?, ?)", e.id(), e.ownerId(), e.url(), e.description(),
                Jdbc.arrayLiteral(e.events()), e.secret(), e.createdAt(), e.updatedAt());
    }

    /**
     * How many endpoints the user {@code owner} has, counted under a transaction-level advisory lock per user
     * that every registration of theirs takes first: registrations of one user queue here
     * until the one before has committed, so a limit checked with this count holds under parallel requests.
     */
    int lockAndCount(UUID owner) {
        jdbc.one("SELECT pg_advisory_xact_lock(hashtext('webhooks.endpoint'), hashtext(?::text))",
                row -> 1, owner);
        return jdbc.one("SELECT count(*) FROM webhooks.endpoint WHERE owner_id = ?",
                row -> row.getInt(1), owner).orElseThrow();
    }

    /** Every endpoint ({@code owner} null: admins) or one user's, oldest first. */
    public List<EndpointRecord> list(UUID owner, boolean all) {
        return all ? jdbc.list("SELECT " + COLUMNS + " FROM webhooks.endpoint ORDER BY created_at, id", Endpoints::map)
                : jdbc.list("SELECT " + COLUMNS + " FROM webhooks.endpoint WHERE owner_id IS NOT DISTINCT FROM ?::uuid "
                + "ORDER BY created_at, id", Endpoints::map, owner);
    }

    public Optional<EndpointRecord> find(UUID id, boolean lock) {
        return jdbc.one("SELECT " + COLUMNS + " FROM webhooks.endpoint WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                Endpoints::map, id);
    }

    void update(UUID id, String url, String description, List<String> events) {
        jdbc.update("UPDATE webhooks.endpoint SET url = ?, description = ?, events = ?::text[], updated_at = now() WHERE id = ?",
                url, description, Jdbc.arrayLiteral(events), id);
    }

    /** Enabling also forgets past failures: the five days start again from the next failure. */
    void setEnabled(UUID id, boolean enabled, String reason) {
        jdbc.update("UPDATE webhooks.endpoint SET enabled = ?, disabled_reason = ?, failing_since = CASE WHEN ? THEN NULL "
                + "ELSE failing_since END, updated_at = now() WHERE id = ?", enabled, enabled ? null : reason, enabled, id);
    }

    void rotate(UUID id, byte[] secret, byte[] previous, java.time.Duration previousValidity) {
        jdbc.update("UPDATE webhooks.endpoint SET secret = ?, previous_secret = ?, previous_secret_until = now() + "
                + "(? * interval '1 millisecond'), updated_at = now() WHERE id = ?", secret, previous, previousValidity.toMillis(), id);
    }

    void delete(UUID id) {
        jdbc.update("DELETE FROM webhooks.endpoint WHERE id = ?", id);
    }

    /** The endpoint's secrets that sign now: the current one, and the previous one until its time ends. */
    public List<byte[]> signingSecrets(UUID id) {
        return jdbc.one("SELECT secret, CASE WHEN previous_secret_until > now() THEN previous_secret END AS previous "
                + "FROM webhooks.endpoint WHERE id = ?", row -> {
                    byte[] previous = row.getBytes("previous");
                    return previous == null ? List.of(row.getBytes("secret")) : List.of(row.getBytes("secret"), previous);
                }, id).orElse(List.of());
    }

    private static EndpointRecord map(ResultSet row) throws SQLException {
        Array events = row.getArray("events");
        return new EndpointRecord(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "owner_id"), row.getString("url"),
                row.getString("description"), List.copyOf(Arrays.asList((String[]) events.getArray())), row.getBoolean("enabled"),
                row.getString("disabled_reason"), row.getBytes("secret"), row.getBytes("previous_secret"),
                Jdbc.instant(row, "previous_secret_until"), Jdbc.instant(row, "failing_since"), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }
}
