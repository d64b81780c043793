package io.hybridlicense.license;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * A database made by main before plans were data (Flyway stopped at the last version before them), with
 * users, subscriptions and licenses written the old way, migrates with every seat and expiry answer
 * unchanged: one policy per plan with the configured seats and validity, the counts as they were.
 */
@QuarkusTest
class PolicyMigrationTest {

    private static final String POLICIES = "2026.12.07.1800";

    @Inject
    Flyway flyway;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;
    @Inject
    LicenseConfig config;

    @Test
    void aDatabaseOfThePreviousVersion_migrates_withTheSameSeatsExpiriesAndCounts() throws SQLException {
        String database = "hl_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection server = DriverManager.getConnection(url, owner, ownerPassword); Statement ddl = server.createStatement()) {
            ddl.execute("CREATE DATABASE " + database);
        }
        String databaseUrl = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        try {
            migrate(databaseUrl, lastVersionBefore(POLICIES));
            Map<String, Integer> liveByPlan = new LinkedHashMap<>();
            liveByPlan.put("free", 1);
            liveByPlan.put("pro", 4);
            liveByPlan.put("enterprise", 0);
            try (Connection old = DriverManager.getConnection(databaseUrl, owner, ownerPassword); Statement sql = old.createStatement()) {
                liveByPlan.forEach((plan, live) -> insertTheOldWay(sql, plan, live));
            }

            migrate(databaseUrl, null);

            try (Connection migrated = DriverManager.getConnection(databaseUrl, owner, ownerPassword);
                 Statement sql = migrated.createStatement()) {
                Map<String, Integer> seats = Map.of("free", config.seats().free(), "pro", config.seats().pro(),
                        "enterprise", config.seats().enterprise());
                try (ResultSet rows = sql.executeQuery("""
                        SELECT pl.code, pl.is_default, po.max_seats, po.duration_seconds, po.expiry_grace_seconds,
                               (SELECT count(*) FROM license.policy_entitlements e WHERE e.policy_id = po.id) AS entitlements
                        FROM license.plans pl JOIN license.policies po ON po.id = pl.policy_id ORDER BY pl.code""")) {
                    int plans = 0;
                    while (rows.next()) {
                        plans++;
                        String code = rows.getString(1);
                        assertThat(rows.getBoolean(2)).as(code + " default").isEqualTo(code.equals("free"));
                        assertThat(rows.getInt(3)).as(code + " seats").isEqualTo(seats.get(code));
                        assertThat(rows.getLong(4)).as(code + " duration").isEqualTo(config.validity().getSeconds());
                        assertThat(rows.getLong(5)).as(code + " grace").isZero();
                        assertThat(rows.getLong(6)).as(code + " entitlements").isZero();
                    }
                    assertThat(plans).isEqualTo(3);
                }
                // every license reaches its policy the way validation reads it, and nothing expired or moved
                try (ResultSet rows = sql.executeQuery("""
                        SELECT s.plan, count(*) FILTER (WHERE l.status = 'active'), count(po.id), min(l.expires_at) > now()
                        FROM license.licenses l JOIN license.subscriptions s ON s.user_id = l.user_id
                        LEFT JOIN license.plans pl ON pl.code = s.plan LEFT JOIN license.policies po ON po.id = pl.policy_id
                        GROUP BY s.plan""")) {
                    while (rows.next()) {
                        assertThat(rows.getInt(2)).isEqualTo(liveByPlan.get(rows.getString(1)));
                        assertThat(rows.getInt(3)).as("licenses with a policy").isEqualTo(liveByPlan.get(rows.getString(1)) + 1);
                        assertThat(rows.getBoolean(4)).isTrue();
                    }
                }
                try (ResultSet rows = sql.executeQuery("SELECT plan, seats FROM license.seat_report")) {
                    while (rows.next()) {
                        assertThat(rows.getInt(2)).as(rows.getString(1)).isEqualTo(liveByPlan.get(rows.getString(1)));
                    }
                }
            }
        } finally {
            try (Connection server = DriverManager.getConnection(url, owner, ownerPassword); Statement ddl = server.createStatement()) {
                ddl.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** The newest migration of main before this change (Flyway's target names an existing version). */
    private String lastVersionBefore(String version) {
        MigrationVersion policies = MigrationVersion.fromVersion(version);
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(policies) < 0).max(MigrationVersion::compareTo).orElseThrow().getVersion();
    }

    private void migrate(String databaseUrl, String target) {
        var configure = Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                .dataSource(databaseUrl, owner, ownerPassword);
        if (target != null) {
            configure.target(target);
        }
        configure.load().migrate();
    }

    /** A user on {@code plan} with {@code live} active licenses and one revoked, as main wrote them. */
    private static void insertTheOldWay(Statement sql, String plan, int live) {
        UUID user = UUID.randomUUID();
        try {
            sql.execute("INSERT INTO auth.users (id, email, password_hash, plan, created_at) VALUES ('" + user + "', '"
                    + user + "@example.com', 'x', '" + plan + "', now())");
            sql.execute("INSERT INTO license.subscriptions (id, user_id, plan, status, started_at, renews_at) VALUES ('"
                    + UUID.randomUUID() + "', '" + user + "', '" + plan + "', 'active', now(), now() + interval '30 days')");
            for (int i = 0; i <= live; i++) {
                sql.execute("INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at) VALUES ('"
                        + UUID.randomUUID() + "', '" + user + "', 'client-" + UUID.randomUUID() + "', '"
                        + (i < live ? "active" : "revoked") + "', now(), now() + interval '365 days', now())");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
