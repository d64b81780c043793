package io.hybridlicense.schemasync.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The append-only event store (table {@code schemasync.event}). Appends are optimistic: the caller
 * says how many events it has seen; if another writer appended meanwhile, nothing is written and
 * {@link ConcurrentAppend} is thrown so that the caller decides again on fresh events.
 */
@ApplicationScoped
public class EventStore {

    /** One stored event with its position and time. */
    public record Stored(UUID streamId, int version, TableEvent event, Map<String, Object> metadata, Instant occurredAt) {
    }

    /** Another writer appended to the stream first. */
    public static final class ConcurrentAppend extends RuntimeException {
        ConcurrentAppend(UUID stream, int expected) {
            super("Stream " + stream + " moved past version " + expected, null, false, false);
        }
    }

    private static final Map<String, Class<? extends TableEvent>> TYPES = Stream.of(
                    TableEvent.TableCreationRequested.class, TableEvent.ColumnAdditionRequested.class,
                    TableEvent.ColumnAlterationRequested.class, TableEvent.ColumnDropRequested.class,
                    TableEvent.TableRenameRequested.class, TableEvent.TableDropRequested.class,
                    TableEvent.ChangeConfirmed.class, TableEvent.ChangeRejected.class, TableEvent.TableImported.class,
                    TableEvent.DriftDetected.class, TableEvent.DriftCleared.class, TableEvent.DriftAdopted.class,
                    TableEvent.ReconcileRequested.class, TableEvent.RevertRequested.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    EventStore(Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public List<Stored> load(UUID stream) {
        return jdbc.list("SELECT version, type, data::text AS data, metadata::text AS metadata, occurred_at "
                        + "FROM schemasync.event WHERE stream_id = ? ORDER BY version",
                row -> new Stored(stream, row.getInt("version"), read(row.getString("type"), row.getString("data")),
                        readMap(row.getString("metadata")), Jdbc.instant(row, "occurred_at")), stream);
    }

    /** Appends after {@code expectedVersion} events, in the caller's transaction. */
    public void append(UUID stream, int expectedVersion, List<TableEvent> events, Map<String, Object> metadata) {
        Instant now = clock.now();
        int version = expectedVersion;
        for (TableEvent event : events) {
            version++;
            int written = jdbc.update("INSERT INTO schemasync.event (stream_id, version, type, data, metadata, occurred_at) "
                            + "VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?) ON CONFLICT (stream_id, version) DO NOTHING",
                    stream, version, event.getClass().getSimpleName(), write(event), write(metadata), now);
            if (written == 0) {
                throw new ConcurrentAppend(stream, expectedVersion);
            }
        }
    }

    private TableEvent read(String type, String data) {
        try {
            return json.readValue(data, TYPES.get(type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable event of type " + type, e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMap(String data) {
        try {
            return json.readValue(data, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable event metadata", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
