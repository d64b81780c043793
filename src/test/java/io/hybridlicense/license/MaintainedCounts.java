package io.hybridlicense.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/** The counts license's triggers keep, compared with a count of the rows, as the migration owner sees them. */
public final class MaintainedCounts {

    // what the triggers maintain, and the same counted from the rows; one snapshot (a single statement)
    private static final String MAINTAINED_AND_COUNTED = """
            SELECT 'status:' || status, sum(count) FROM license.license_status_counts GROUP BY status
            UNION ALL SELECT 'status-counted:' || status, count(*) FROM license.licenses GROUP BY status
            UNION ALL SELECT 'seats:' || plan, sum(count) FROM license.seat_counts GROUP BY plan
            UNION ALL SELECT 'seats-counted:' || s.plan, count(*) FROM license.licenses l
                JOIN license.subscriptions s ON s.user_id = l.user_id
                WHERE l.status IN ('active', 'suspended') GROUP BY s.plan
            UNION ALL SELECT 'days:' || day, sum(count) FROM license.activation_day_counts GROUP BY day
            UNION ALL SELECT 'days-counted:' || (created_at AT TIME ZONE 'UTC')::date, count(*) FROM license.licenses GROUP BY 1""";

    private MaintainedCounts() {
    }

    public static Connection asOwner(String url, String owner, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", owner);
        credentials.setProperty("password", password);
        return new org.postgresql.Driver().connect(url, credentials);
    }

    public static Map<String, Long> counts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery(MAINTAINED_AND_COUNTED)) {
            while (row.next()) {
                counts.put(row.getString(1), row.getLong(2));
            }
        }
        return counts;
    }

    /** Every maintained count equals its count of the rows (zero rows and a missing row alike). */
    public static void assertExact(Connection connection) throws SQLException {
        assertExact(counts(connection));
    }

    public static void assertExact(Map<String, Long> counts) {
        counts.forEach((key, value) -> {
            String[] kind = key.split(":", 2);
            String other = kind[0].endsWith("-counted") ? kind[0].replace("-counted", "") : kind[0] + "-counted";
            assertThat(value).as(key).isEqualTo(counts.getOrDefault(other + ":" + kind[1], 0L));
        });
    }

    public static long single(Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    public static void setStatus(Connection connection, UUID license, String status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE license.licenses SET status = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setObject(2, license);
            assertThat(update.executeUpdate()).isOne();
        }
    }
}
