package io.hybridlicense.admin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.admin.reporting.CsvCells;
import io.hybridlicense.admin.reporting.Cursors;
import io.hybridlicense.admin.reporting.ReportingResponses.Page;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The audit log, filtered, newest first by (occurred_at, id): a page at a time for JSON, or the whole
 * filtered log streamed as CSV from a server-side cursor (a bounded number of rows in memory).
 */
@ApplicationScoped
public class AuditLogQuery {

    /** Rows fetched from the database at a time while streaming CSV. */
    static final int CSV_FETCH_SIZE = 500;

    private static final String SELECT = "SELECT id, occurred_at, action, module, subject_type, subject_id, actor_id, "
            + "details::text AS details FROM admin.audit_log WHERE true";
    private static final String ORDER = " ORDER BY occurred_at DESC, id DESC";
    private static final String CSV_HEADER = "id,occurredAt,action,module,subjectType,subjectId,actorId,details\r\n";
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    /**
     * The filters: each {@code null} when absent. {@code userId} is the actor (who caused the change);
     * {@code from} is inclusive, {@code to} exclusive.
     */
    public record Filter(UUID userId, String action, String subjectId, Instant from, Instant to) {

        List<String> fingerprint() {
            return Arrays.asList("audit-log", userId == null ? null : userId.toString(), action, subjectId,
                    from == null ? null : from.toString(), to == null ? null : to.toString());
        }
    }

    public record After(Instant occurredAt, UUID id) {
    }

    private final DataSource database;
    private final ObjectMapper json;

    AuditLogQuery(DataSource database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    public Page<AuditEntryView> page(Filter filter, String cursor, int limit) {
        After after = after(filter, cursor);
        try (Connection connection = database.getConnection();
             PreparedStatement select = prepare(connection, filter, after, limit + 1)) {
            List<AuditEntryView> entries = new ArrayList<>();
            boolean more = false;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (entries.size() == limit) {
                        more = true;
                        break;
                    }
                    entries.add(view(row));
                }
            }
            AuditEntryView last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            String next = more ? Cursors.encode(filter.fingerprint(), last.occurredAt().toString(), last.id().toString()) : null;
            return new Page<>(entries, next);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the audit log failed", e);
        }
    }

    /** Validates the cursor now, so that a bad one is answered 400 before the CSV response starts. */
    public Csv csv(Filter filter, String cursor) {
        After after = after(filter, cursor);
        return out -> writeCsv(filter, after, out);
    }

    @FunctionalInterface
    public interface Csv {
        void writeTo(OutputStream out) throws IOException;
    }

    private void writeCsv(Filter filter, After after, OutputStream out) throws IOException {
        Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        csv.write(CSV_HEADER);
        try (Connection connection = database.getConnection()) {
            // PostgreSQL streams with a fetch size only inside a transaction (a portal), else it reads all rows
            connection.setAutoCommit(false);
            try (PreparedStatement select = prepare(connection, filter, after, 0)) {
                select.setFetchSize(CSV_FETCH_SIZE);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        csv.write(CsvCells.row(row.getString("id"), Jdbc.instant(row, "occurred_at").toString(),
                                row.getString("action"), row.getString("module"), row.getString("subject_type"),
                                row.getString("subject_id"), row.getString("actor_id"), row.getString("details")));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("Streaming the audit log failed", e);
        }
        csv.flush();
    }

    private static After after(Filter filter, String cursor) {
        if (cursor == null) {
            return null;
        }
        List<String> key = Cursors.decode(cursor, filter.fingerprint(), 2);
        try {
            return new After(Instant.parse(key.get(0)), UUID.fromString(key.get(1)));
        } catch (RuntimeException e) {
            throw Cursors.invalid();
        }
    }

    private static PreparedStatement prepare(Connection connection, Filter filter, After after, int limit)
            throws SQLException {
        Statement statement = statement(filter, after, limit);
        PreparedStatement prepared = connection.prepareStatement(statement.sql());
        for (int i = 0; i < statement.values().size(); i++) {
            Jdbc.bind(prepared, i + 1, statement.values().get(i));
        }
        return prepared;
    }

    public record Statement(String sql, List<Object> values) {
    }

    /** {@code limit} 0: no limit. Only fixed SQL fragments are joined; every value is a parameter. */
    public static Statement statement(Filter filter, After after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> values = new ArrayList<>();
        if (filter.userId() != null) {
            sql.append(" AND actor_id = ?");
            values.add(filter.userId().toString());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            values.add(filter.action());
        }
        if (filter.subjectId() != null) {
            sql.append(" AND subject_id = ?");
            values.add(filter.subjectId());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            values.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            values.add(filter.to());
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            values.add(after.occurredAt());
            values.add(after.id());
        }
        sql.append(ORDER);
        if (limit > 0) {
            sql.append(" LIMIT ?");
            values.add(limit);
        }
        return new Statement(sql.toString(), values);
    }

    private AuditEntryView view(ResultSet row) throws SQLException {
        try {
            return new AuditEntryView(Jdbc.uuid(row, "id"), Jdbc.instant(row, "occurred_at"), row.getString("action"),
                    row.getString("module"), row.getString("subject_type"), row.getString("subject_id"),
                    row.getString("actor_id"), json.readValue(row.getString("details"), DETAILS));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
