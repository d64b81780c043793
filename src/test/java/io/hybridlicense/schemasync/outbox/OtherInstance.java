package io.hybridlicense.schemasync.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.TableEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Another server instance, as the core database sees it: rows written and notices sent on a plain JDBC
 * connection of the runtime role, outside the application under test, so that none of its in-process
 * signals fire. It queues and settles changes the way {@link RequestSchemaChange} and {@link SettleChange}
 * do (events, outbox row and {@code NOTIFY} in one transaction).
 */
final class OtherInstance {

    private final UUID instance = UUID.randomUUID();
    private final ObjectMapper json;

    OtherInstance(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Queues "add an integer column" as the table's next change.
     *
     * @param claimed claim the outbox row for this instance (a long lease), so that only it may settle the change
     * @param notify  send the wake-up notice with the commit
     * @return the change's number
     */
    int queueColumn(UUID table, UUID datasource, String column, boolean claimed, boolean notify) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            int change = lastChange(connection, table) + 1;
            append(connection, table, new TableEvent.ColumnAdditionRequested(change,
                    ColumnDefinition.of(column, "integer", true, null, false, Dialect.POSTGRESQL)));
            update(connection, "INSERT INTO schemasync.outbox (id, stream_id, change_version, datasource_id, change, status, "
                            + "next_attempt_at, created_at, attempts, claim_token, claimed_until) VALUES (?, ?, ?, ?, "
                            + "jsonb_build_object('kind', 'add-column', 'table', ?::text), 'pending', now(), now(), ?, ?, "
                            + "CASE WHEN ? THEN now() + interval '1 hour' END)",
                    UUID.randomUUID(), table, change, datasource, column, claimed ? 1 : 0, claimed ? instance : null, claimed);
            if (notify) {
                notice(connection, ChangeNotices.QUEUED, table);
            }
            connection.commit();
            return change;
        }
    }

    /** Records a change this instance claimed as confirmed (its DDL having been run by the caller), and notifies. */
    void confirm(UUID table, int change) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            append(connection, table, new TableEvent.ChangeConfirmed(change, false));
            update(connection, "UPDATE schemasync.outbox SET status = 'done', finished_at = now(), claim_token = NULL, "
                    + "claimed_until = NULL WHERE stream_id = ? AND change_version = ? AND claim_token = ?", table, change, instance);
            notice(connection, ChangeNotices.SETTLED, table);
            connection.commit();
        }
    }

    /** Whether the change has been confirmed (by whichever instance). */
    static boolean confirmed(UUID table, int change) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM schemasync.event WHERE stream_id = ? AND type = 'ChangeConfirmed' AND (data ->> 'change')::int = ?")) {
            select.setObject(1, table);
            select.setInt(2, change);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    static Connection connect() throws SQLException {
        return TestTargets.connect(TestTargets.coreUrl(), setting("quarkus.datasource.username"), setting("quarkus.datasource.password"));
    }

    private void append(Connection connection, UUID table, TableEvent event) throws SQLException {
        try {
            update(connection, "INSERT INTO schemasync.event (stream_id, version, type, data, metadata, occurred_at) "
                            + "SELECT ?, coalesce(max(version), 0) + 1, ?, ?::jsonb, ?::jsonb, now() FROM schemasync.event WHERE stream_id = ?",
                    table, event.getClass().getSimpleName(), json.writeValueAsString(event),
                    json.writeValueAsString(Map.of("actorId", "system", "instance", "other-" + instance)), table);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void notice(Connection connection, String channel, UUID table) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, new ChangeNotices.Notice(instance, table).payload());
            notify.execute();
        }
    }

    private static int lastChange(Connection connection, UUID table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT max((data ->> 'change')::int) FROM schemasync.event WHERE stream_id = ?")) {
            select.setObject(1, table);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String setting(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
