package io.hybridlicense.schemasync.datasource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registered data sources (table {@code schemasync.datasource}). */
@ApplicationScoped
public class DataSources {

    private static final String COLUMNS = "id, owner_id, name, kind, host, port, database_name, username, file, "
            + "options::text AS options, secret, created_at";

    private final Jdbc jdbc;
    private final ObjectMapper json;
    /** Data sources never change once registered; the poller reads them for every change it applies. */
    private final java.util.Map<UUID, DataSourceRecord> cache = new java.util.concurrent.ConcurrentHashMap<>();

    DataSources(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return false when the owner already has a data source of that name */
    boolean insert(DataSourceRecord ds) {
        return jdbc.update("INSERT INTO schemasync.datasource (" + COLUMNS.replace("options::text AS options", "options")
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (owner_id, name) DO NOTHING",
                ds.id(), ds.ownerId(), ds.name(), ds.dialect().apiName(), ds.host(), ds.port(), ds.database(),
                ds.username(), ds.file(), write(ds.options()), ds.secret(), ds.createdAt()) == 1;
    }

    public Optional<DataSourceRecord> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM schemasync.datasource WHERE id = ?", this::map, id);
    }

    /** How {@link #findVisible} locks the row it reads, until the transaction ends. */
    public enum Lock {
        /** No lock. */
        NONE(""),
        /** Against deletion, while a change to one of its tables is being requested. */
        SHARE(" FOR SHARE"),
        /** For its deletion. */
        UPDATE(" FOR UPDATE");

        private final String clause;

        Lock(String clause) {
            this.clause = clause;
        }
    }

    /**
     * The data source, if {@code caller} may see it (their own; an admin: any). Another user's is empty,
     * like a missing one, so that the answer does not reveal that it exists: the one owner check of the
     * module's API and console pages, which each say "not found" in their own way.
     */
    public Optional<DataSourceRecord> findVisible(Caller caller, UUID id, Lock lock) {
        return jdbc.one("SELECT " + COLUMNS + " FROM schemasync.datasource WHERE id = ?" + lock.clause, this::map, id)
                .filter(ds -> caller.canSee(ds.ownerId()));
    }

    /**
     * For the poller only: a data source with pending changes cannot be deleted, so a cached copy is
     * never stale where it is used. The API reads through {@link #find} to see deletions at once.
     */
    public Optional<DataSourceRecord> findCached(UUID id) {
        DataSourceRecord cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DataSourceRecord> found = find(id);
        found.ifPresent(ds -> cache.put(id, ds));
        return found;
    }

    /** Locks the row against deletion while a change to one of its tables is being requested. */
    public Optional<DataSourceRecord> findForShare(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM schemasync.datasource WHERE id = ?" + Lock.SHARE.clause, this::map, id);
    }

    public List<DataSourceRecord> list(String ownerIdOrNullForAll) {
        return ownerIdOrNullForAll == null
                ? jdbc.list("SELECT " + COLUMNS + " FROM schemasync.datasource ORDER BY created_at, id", this::map)
                : jdbc.list("SELECT " + COLUMNS + " FROM schemasync.datasource WHERE owner_id = ? ORDER BY created_at, id",
                        this::map, ownerIdOrNullForAll);
    }

    void delete(UUID id) {
        cache.remove(id);
        jdbc.update("DELETE FROM schemasync.datasource WHERE id = ?", id);
    }

    private DataSourceRecord map(ResultSet row) throws SQLException {
        Integer port = row.getObject("port", Integer.class);
        return new DataSourceRecord(row.getObject("id", UUID.class), row.getString("owner_id"), row.getString("name"),
                Dialect.fromApiName(row.getString("kind")), row.getString("host"), port,
                row.getString("database_name"), row.getString("username"), row.getString("file"),
                read(row.getString("options")), row.getBytes("secret"), Jdbc.instant(row, "created_at"));
    }

    private String write(Map<String, String> options) {
        try {
            return json.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String options) {
        try {
            return json.readValue(options, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
