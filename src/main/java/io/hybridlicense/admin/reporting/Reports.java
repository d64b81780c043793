package io.hybridlicense.admin.reporting;

import io.hybridlicense.admin.reporting.ReportingResponses.DayCount;
import io.hybridlicense.admin.reporting.ReportingResponses.License;
import io.hybridlicense.admin.reporting.ReportingResponses.LicenseStats;
import io.hybridlicense.admin.reporting.ReportingResponses.Page;
import io.hybridlicense.admin.reporting.ReportingResponses.PlanCount;
import io.hybridlicense.admin.reporting.ReportingResponses.PlanStats;
import io.hybridlicense.admin.reporting.ReportingResponses.StatusStats;
import io.hybridlicense.admin.reporting.ReportingResponses.Subscription;
import io.hybridlicense.admin.reporting.ReportingResponses.UserDetail;
import io.hybridlicense.admin.reporting.ReportingResponses.UserSummary;
import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The statistics and user reports. They read only the reporting views that auth and license declare in
 * their own migrations (auth.user_report, license.license_report, license.subscription_report,
 * license.license_status_report, license.seat_report, license.activation_day_report), which
 * the runtime role may only SELECT; every query is served by an index (docs/reporting.md).
 */
@ApplicationScoped
public class Reports {

    static final int STATS_DAYS = 30;

    static final String PLAN_STATS = """
            SELECT p.plan,
                   (SELECT count(*) FROM auth.user_report u WHERE u.plan = p.plan) AS user_count,
                   (SELECT count(*) FROM auth.user_report u WHERE u.plan = p.plan AND u.created_at >= ?) AS new_users
            FROM unnest(?::text[]) WITH ORDINALITY AS p(plan, position)
            ORDER BY p.position""";

    // counts kept by license's trigger; the oldest and newest are the ends of licenses_status_created_at_idx
    static final String STATUS_STATS = """
            SELECT s.status, coalesce(c.count, 0) AS count,
                   (SELECT min(l.created_at) FROM license.license_report l WHERE l.status = s.status) AS oldest,
                   (SELECT max(l.created_at) FROM license.license_report l WHERE l.status = s.status) AS newest
            FROM unnest(?::text[]) WITH ORDINALITY AS s(status, position)
            LEFT JOIN license.license_status_report c ON c.status = s.status
            ORDER BY s.position""";

    // counts per UTC day kept by license's trigger (a day's few rows by primary key), not the licenses;
    // days without activations are in the series, so they count 0
    static final String ACTIVATIONS_PER_DAY = """
            SELECT d.day::date AS day,
                   coalesce((SELECT c.count FROM license.activation_day_report c WHERE c.day = d.day::date), 0) AS count
            FROM generate_series(?::timestamp, ?::timestamp, interval '1 day') AS d(day)
            ORDER BY d.day""";

    // the console's charts: sign-ups per UTC day (users_created_at_idx), seats held per plan
    static final String SIGN_UPS_PER_DAY = """
            SELECT d.day::date AS day,
                   (SELECT count(*) FROM auth.user_report u
                    WHERE u.created_at >= d.day AT TIME ZONE 'UTC'
                      AND u.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC') AS count
            FROM generate_series(?::timestamp, ?::timestamp, interval '1 day') AS d(day)
            ORDER BY d.day""";

    // counts kept by license's triggers (live licenses per owner's plan), not a join of every live license
    static final String SEATS_PER_PLAN = """
            SELECT p.plan, coalesce(c.seats, 0) AS seats
            FROM unnest(?::text[]) WITH ORDINALITY AS p(plan, position)
            LEFT JOIN license.seat_report c ON c.plan = p.plan
            ORDER BY p.position""";

    static final String USERS = """
            SELECT id, email, email_key, plan, admin, created_at FROM auth.user_report
            WHERE email_key >= ?""";
    static final String USERS_BELOW = " AND email_key < ?";
    static final String USERS_AFTER = " AND email_key > ?";
    static final String USERS_ORDER = " ORDER BY email_key LIMIT ?";

    static final String USER_DETAIL = """
            SELECT u.id, u.email, u.plan, u.admin, u.created_at,
                   s.id AS s_id, s.plan AS s_plan, s.status AS s_status, s.started_at, s.renews_at, s.version AS s_version,
                   l.id AS l_id, l.client_id, l.status AS l_status, l.created_at AS l_created_at, l.expires_at,
                   l.updated_at, l.last_validated_at, l.version AS l_version,
                   l.last_heartbeat_at, l.heartbeat_deadline, l.culled_at
            FROM auth.user_report u
            LEFT JOIN license.subscription_report s ON s.user_id = u.id
            LEFT JOIN license.license_report l ON l.user_id = u.id
            WHERE u.id = ?
            ORDER BY l.created_at DESC, l.id DESC""";

    private final DataSource database;
    private final Clock clock;
    private final LicenseApi licenses;

    Reports(DataSource database, Clock clock, LicenseApi licenses) {
        this.licenses = licenses;
        this.database = database;
        this.clock = clock;
    }

    /** Every plan of the catalogue, by code, with zeros for plans nobody is on. */
    public List<PlanStats> planStats() {
        String[] plans = licenses.planCodes().toArray(String[]::new);
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(PLAN_STATS)) {
            Jdbc.bind(query, 1, clock.now().minus(Duration.ofDays(STATS_DAYS)));
            query.setArray(2, connection.createArrayOf("text", plans));
            List<PlanStats> stats = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    stats.add(new PlanStats(row.getString("plan"), row.getLong("user_count"), row.getLong("new_users")));
                }
            }
            return stats;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the plan statistics failed", e);
        }
    }

    /** Every status with zeros, and the licenses created on each of the last 30 UTC days (today included). */
    public LicenseStats licenseStats() {
        String[] statuses = Arrays.stream(LicenseStatus.values()).map(LicenseStatus::wireName).toArray(String[]::new);
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        try (Connection connection = database.getConnection();
             PreparedStatement byStatus = connection.prepareStatement(STATUS_STATS);
             PreparedStatement perDay = connection.prepareStatement(ACTIVATIONS_PER_DAY)) {
            byStatus.setArray(1, connection.createArrayOf("text", statuses));
            List<StatusStats> statusStats = new ArrayList<>();
            try (ResultSet row = byStatus.executeQuery()) {
                while (row.next()) {
                    statusStats.add(new StatusStats(row.getString("status"), row.getLong("count"),
                            Jdbc.instant(row, "oldest"), Jdbc.instant(row, "newest")));
                }
            }
            return new LicenseStats(statusStats, lastDays(perDay, today));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the license statistics failed", e);
        }
    }

    /** Accounts created on each of the last 30 UTC days (today included), zeros included. */
    public List<DayCount> signUpsPerDay() {
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        try (Connection connection = database.getConnection();
             PreparedStatement perDay = connection.prepareStatement(SIGN_UPS_PER_DAY)) {
            return lastDays(perDay, today);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the sign-ups per day failed", e);
        }
    }

    /** Runs a per-day count over the {@link #STATS_DAYS} UTC days ending today. */
    private static List<DayCount> lastDays(PreparedStatement perDay, LocalDate today) throws SQLException {
        perDay.setObject(1, today.minusDays(STATS_DAYS - 1L).atStartOfDay());
        perDay.setObject(2, today.atStartOfDay());
        List<DayCount> days = new ArrayList<>();
        try (ResultSet row = perDay.executeQuery()) {
            while (row.next()) {
                days.add(new DayCount(row.getObject("day", LocalDate.class), row.getLong("count")));
            }
        }
        return days;
    }

    /** Seats in use (active or suspended licenses) per plan of their owners, every plan. */
    public List<PlanCount> seatsPerPlan() {
        String[] plans = licenses.planCodes().toArray(String[]::new);
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(SEATS_PER_PLAN)) {
            query.setArray(1, connection.createArrayOf("text", plans));
            List<PlanCount> seats = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    seats.add(new PlanCount(row.getString("plan"), row.getLong("seats")));
                }
            }
            return seats;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the seats per plan failed", e);
        }
    }

    /**
     * Users whose email starts with {@code query} (ignoring case), by email, keyset-paginated. The prefix
     * is a range of email_key ("C" collation: byte order of UTF-8, which is code-point order), so the
     * index serves both the search and the order.
     */
    public Page<UserSummary> users(String query, String cursor, int limit) {
        try (Connection connection = database.getConnection()) {
            String prefix = lowerCase(connection, query == null ? "" : query);
            List<String> filter = List.of("users", prefix);
            String after = cursor == null ? null : Cursors.decode(cursor, filter, 1).get(0);
            Optional<String> below = upperBound(prefix);
            String sql = USERS + (below.isPresent() ? USERS_BELOW : "") + (after != null ? USERS_AFTER : "") + USERS_ORDER;
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                return users(select, prefix, below, after, limit, filter);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing users failed", e);
        }
    }

    /** Lower-cased by the database, as email_key is: Java's rules differ from the database's beyond ASCII. */
    private static String lowerCase(Connection connection, String text) throws SQLException {
        try (PreparedStatement lower = connection.prepareStatement("SELECT lower(?)")) {
            lower.setString(1, text);
            try (ResultSet row = lower.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static Page<UserSummary> users(PreparedStatement select, String prefix, Optional<String> below, String after,
                                           int limit, List<String> filter) throws SQLException {
        int index = 1;
        select.setString(index++, prefix);
        if (below.isPresent()) {
            select.setString(index++, below.get());
        }
        if (after != null) {
            select.setString(index++, after);
        }
        select.setInt(index, limit + 1);
        List<UserSummary> users = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                if (users.size() == limit) {
                    more = true;
                    break;
                }
                users.add(new UserSummary(Jdbc.uuid(row, "id"), row.getString("email"), row.getString("plan"),
                        row.getBoolean("admin"), Jdbc.instant(row, "created_at")));
                lastKey = row.getString("email_key");
            }
        }
        return new Page<>(users, more ? Cursors.encode(filter, lastKey) : null);
    }

    /** The least string above every string that starts with {@code prefix}; none for the empty prefix. */
    static Optional<String> upperBound(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            int next = codePoints[i] + 1;
            if (next == Character.MIN_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                codePoints[i] = next;
                return Optional.of(new String(codePoints, 0, i + 1));
            }
        }
        return Optional.empty();
    }

    /** The user with their subscription and all their licenses (newest first), in one query. */
    public Optional<UserDetail> user(UUID id) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement(USER_DETAIL)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Subscription subscription = row.getObject("s_id") == null ? null : new Subscription(
                        Jdbc.uuid(row, "s_id"), row.getString("s_plan"), row.getString("s_status"),
                        Jdbc.instant(row, "started_at"), Jdbc.instant(row, "renews_at"), row.getLong("s_version"));
                UserDetail user = new UserDetail(Jdbc.uuid(row, "id"), row.getString("email"), row.getString("plan"),
                        row.getBoolean("admin"), Jdbc.instant(row, "created_at"), subscription, new ArrayList<>());
                do {
                    if (row.getObject("l_id") != null) {
                        user.licenses().add(new License(Jdbc.uuid(row, "l_id"), row.getString("client_id"),
                                row.getString("l_status"), Jdbc.instant(row, "l_created_at"), Jdbc.instant(row, "expires_at"),
                                Jdbc.instant(row, "updated_at"), Jdbc.instant(row, "last_validated_at"), row.getLong("l_version"),
                                Jdbc.instant(row, "last_heartbeat_at"), Jdbc.instant(row, "heartbeat_deadline"),
                                Jdbc.instant(row, "culled_at")));
                    }
                } while (row.next());
                return Optional.of(user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a user failed", e);
        }
    }
}
