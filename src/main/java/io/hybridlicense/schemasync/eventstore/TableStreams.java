package io.hybridlicense.schemasync.eventstore;

import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which table streams exist, who owns them, and the table names each holds in its database
 * (tables {@code schemasync.sync_table} and {@code schemasync.table_name_claim}).
 */
@ApplicationScoped
public class TableStreams {

    /** One stream's registration. */
    public record Registration(UUID tableId, UUID datasourceId, String ownerId) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    TableStreams(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void register(UUID tableId, UUID datasourceId, String ownerId) {
        jdbc.update("INSERT INTO schemasync.sync_table (table_id, datasource_id, owner_id, created_at) VALUES (?, ?, ?, ?)",
                tableId, datasourceId, ownerId, clock.now());
    }

    public Optional<Registration> find(UUID tableId) {
        return jdbc.one("SELECT table_id, datasource_id, owner_id FROM schemasync.sync_table WHERE table_id = ?",
                row -> new Registration(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3)),
                tableId);
    }

    public List<UUID> tablesOf(UUID datasourceId) {
        return jdbc.list("SELECT table_id FROM schemasync.sync_table WHERE datasource_id = ? ORDER BY created_at, table_id",
                row -> row.getObject(1, UUID.class), datasourceId);
    }

    /** The names (lower case) the tables of a data source hold. */
    public Set<String> heldNames(UUID datasourceId) {
        return Set.copyOf(jdbc.list("SELECT lower_name FROM schemasync.table_name_claim WHERE datasource_id = ?",
                row -> row.getString(1), datasourceId));
    }

    /**
     * Makes the stream hold exactly {@code names} (lower case).
     *
     * @return the first name another table of the same database holds, if any; then nothing changed
     *         that the caller's rollback would not undo
     */
    public Optional<String> hold(UUID datasourceId, UUID tableId, Set<String> names) {
        for (String name : names) {
            jdbc.update("INSERT INTO schemasync.table_name_claim (datasource_id, lower_name, table_id) VALUES (?, ?, ?) "
                    + "ON CONFLICT (datasource_id, lower_name) DO NOTHING", datasourceId, name, tableId);
            Optional<UUID> holder = jdbc.one("SELECT table_id FROM schemasync.table_name_claim "
                    + "WHERE datasource_id = ? AND lower_name = ?", row -> row.getObject(1, UUID.class), datasourceId, name);
            if (holder.isPresent() && !holder.get().equals(tableId)) {
                return Optional.of(name);
            }
        }
        // an array parameter, not a literal: imported names are the database's own and may hold any character
        jdbc.update("DELETE FROM schemasync.table_name_claim WHERE table_id = ? AND NOT (lower_name = ANY (?))",
                tableId, names.toArray(String[]::new));
        return Optional.empty();
    }
}
