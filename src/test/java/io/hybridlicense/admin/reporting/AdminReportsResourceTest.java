package io.hybridlicense.admin.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reporting endpoints: statistics, the users list and a user's page, for admins only. */
@QuarkusTest
class AdminReportsResourceTest {

    @Inject
    AgroalDataSource database;

    private static String admin;

    @Test
    void userStats_listEveryPlan_andCountANewUser() {
        Map<String, Map<String, Object>> before = planStats();
        Users.aUser().withPlan("pro").register();

        Map<String, Map<String, Object>> after = planStats();
        // plans are data: other tests (policies, heartbeats) add plans of their own to the shared test database
        assertThat(after.keySet()).contains("free", "pro", "enterprise");
        assertThat(((Number) after.get("pro").get("userCount")).longValue())
                .isEqualTo(((Number) before.get("pro").get("userCount")).longValue() + 1);
        assertThat(((Number) after.get("pro").get("newUsers30d")).longValue())
                .isEqualTo(((Number) before.get("pro").get("newUsers30d")).longValue() + 1);
        assertThat(after.get("enterprise").get("userCount")).as("zeros are listed too").isNotNull();
    }

    @Test
    void licenseStats_listEveryStatus_andThirtyDaysEndingToday() {
        Response before = asAdmin().get("/api/v1/admin/stats/licenses").then().statusCode(200)
                .body("byStatus.status", contains("active", "suspended", "revoked", "expired", "deactivated"))
                .body("activationsPerDay", hasSize(30))
                .extract().response();
        Users.aUser().register().activated();

        Response after = asAdmin().get("/api/v1/admin/stats/licenses").then().statusCode(200).extract().response();
        List<String> days = after.path("activationsPerDay.day");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(days.get(29)).isEqualTo(today.toString());
        assertThat(days.get(0)).isEqualTo(today.minusDays(29).toString());
        for (int i = 1; i < days.size(); i++) {
            assertThat(LocalDate.parse(days.get(i))).isEqualTo(LocalDate.parse(days.get(i - 1)).plusDays(1));
        }
        assertThat((Integer) after.path("activationsPerDay[29].count"))
                .isEqualTo((Integer) before.path("activationsPerDay[29].count") + 1);
        assertThat((Integer) after.path("byStatus[0].count")).isEqualTo((Integer) before.path("byStatus[0].count") + 1);
        assertThat((String) after.path("byStatus[0].newest")).isNotNull();
        assertThat((Integer) after.path("activationsPerDay[0].count")).as("days without activations count 0").isNotNull();
    }

    @Test
    void licenseStats_countsEqualACountOfTheLicenses_afterConcurrentActivationsAndStatusChanges() throws Exception {
        List<TestUser> users = Concurrently.run(4, i -> Users.aUser().withPlan("pro").register());
        List<Activated> licenses = Concurrently.run(12, i -> users.get(i % 4).activated());
        Concurrently.run(6, i -> asAdmin().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", i % 2 == 0 ? "suspended" : "revoked"))
                .patch("/api/v1/licenses/" + licenses.get(i).licenseId()).then().statusCode(200).extract().response());
        given().auth().oauth2(users.get(3).accessToken()).post("/api/v1/licenses/" + licenses.get(7).licenseId() + "/deactivate")
                .then().statusCode(200);

        List<Map<String, Object>> byStatus = asAdmin().get("/api/v1/admin/stats/licenses").then().statusCode(200)
                .extract().path("byStatus");
        Map<String, Long> counted = countedInTheDatabase();
        for (Map<String, Object> status : byStatus) {
            assertThat(((Number) status.get("count")).longValue()).as((String) status.get("status"))
                    .isEqualTo(counted.getOrDefault((String) status.get("status"), 0L));
        }
    }

    @Test
    void activationsPerDay_equalAFullCountOfTheLicenses_afterConcurrentActivations_withZeroForDaysWithout() throws Exception {
        List<TestUser> users = Concurrently.run(4, i -> Users.aUser().withPlan("pro").register());
        List<Activated> licenses = Concurrently.run(12, i -> users.get(i % 4).activated());
        given().auth().oauth2(users.get(0).accessToken()).post("/api/v1/licenses/" + licenses.get(0).licenseId() + "/deactivate")
                .then().statusCode(200);
        // either side of a UTC midnight ten days ago, whatever their status now
        Instant midnight = LocalDate.now(ZoneOffset.UTC).minusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant();
        UUID before = insertLicense(users.get(1).userId(), midnight.minusNanos(1000), "revoked");
        UUID at = insertLicense(users.get(1).userId(), midnight, "expired");
        assertActivationsPerDayEqualAFullCount();

        deleteLicense(before);
        deleteLicense(at);
        assertActivationsPerDayEqualAFullCount();
    }

    /** The API's days against the range counts of the license rows it replaced, and at least one day counts 0. */
    private void assertActivationsPerDayEqualAFullCount() throws java.sql.SQLException {
        List<Map<String, Object>> perDay = asAdmin().get("/api/v1/admin/stats/licenses").then().statusCode(200)
                .extract().path("activationsPerDay");
        Map<String, Long> counted = new java.util.HashMap<>();
        try (var connection = database.getConnection(); var full = connection.prepareStatement(RANGE_COUNTS_PER_DAY)) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            full.setObject(1, today.minusDays(Reports.STATS_DAYS - 1L).atStartOfDay());
            full.setObject(2, today.atStartOfDay());
            try (var row = full.executeQuery()) {
                while (row.next()) {
                    counted.put(row.getString("day"), row.getLong("count"));
                }
            }
        }
        assertThat(perDay).hasSize(Reports.STATS_DAYS);
        perDay.forEach(day -> assertThat(((Number) day.get("count")).longValue()).as((String) day.get("day"))
                .isEqualTo(counted.get((String) day.get("day"))));
        assertThat(counted).as("days without activations").containsValue(0L);
    }

    // the query the maintained counts replaced: licenses per UTC day counted from the rows
    private static final String RANGE_COUNTS_PER_DAY = """
            SELECT d.day::date AS day,
                   (SELECT count(*) FROM license.license_report l
                    WHERE l.created_at >= d.day AT TIME ZONE 'UTC'
                      AND l.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC') AS count
            FROM generate_series(?::timestamp, ?::timestamp, interval '1 day') AS d(day)""";

    private UUID insertLicense(UUID owner, Instant createdAt, String status) throws java.sql.SQLException {
        UUID id = UUID.randomUUID();
        try (var connection = database.getConnection(); var insert = connection.prepareStatement("""
                INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, owner);
            insert.setString(3, "client-" + id);
            insert.setString(4, status);
            insert.setObject(5, java.time.OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            insert.setObject(6, java.time.OffsetDateTime.ofInstant(createdAt.plus(java.time.Duration.ofDays(365)), ZoneOffset.UTC));
            insert.setObject(7, java.time.OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return id;
    }

    private void deleteLicense(UUID id) throws java.sql.SQLException {
        try (var connection = database.getConnection();
             var delete = connection.prepareStatement("DELETE FROM license.licenses WHERE id = ?")) {
            delete.setObject(1, id);
            assertThat(delete.executeUpdate()).isOne();
        }
    }

    @Test
    void seatsPerPlan_equalAFullCount_afterConcurrentActivationsStatusChangesAndPlanChanges() throws Exception {
        List<TestUser> users = Concurrently.run(4, i -> Users.aUser().withPlan("pro").register());
        List<String> tokens = Concurrently.run(4, i -> users.get(i).accessToken());
        List<Activated> licenses = Concurrently.run(12, i -> users.get(i % 4).activated());
        assertSeatsEqualAFullCount();

        // license i belongs to user i % 4: each user's plan changes while their licenses change and a new one starts
        List<Integer> first = Concurrently.run(16, i -> switch (i / 4) {
            case 0 -> changePlan(users.get(i), "enterprise");
            case 1 -> changeStatus(licenses.get(i % 4), "suspended", 0);
            case 2 -> given().auth().oauth2(tokens.get(i % 4)).post("/api/v1/licenses/" + licenses.get(4 + i % 4).licenseId()
                    + "/deactivate").statusCode();
            default -> users.get(i % 4).activate("client-" + UUID.randomUUID()).statusCode();
        });
        assertThat(first).containsOnly(200, 201);
        assertSeatsEqualAFullCount();

        // back to pro, while one batch revokes a license of every user and the suspended ones are reactivated
        List<Integer> second = Concurrently.run(9, i -> switch (i / 4) {
            case 0 -> changePlan(users.get(i), "pro");
            case 1 -> changeStatus(licenses.get(i % 4), "active", 1);
            default -> asAdmin().contentType(ContentType.JSON)
                    .body(licenses.subList(8, 12).stream().map(l -> Map.of("licenseId", l.licenseId(), "status", "revoked")).toList())
                    .post("/api/v1/admin/licenses/status-batch").statusCode();
        });
        assertThat(second).containsOnly(200);
        assertSeatsEqualAFullCount();
    }

    private static int changePlan(TestUser user, String plan) {
        return asAdmin().contentType(ContentType.JSON).body(Map.of("plan", plan))
                .post("/api/v1/admin/users/" + user.userId() + "/plan").statusCode();
    }

    private static int changeStatus(Activated license, String status, int version) {
        return asAdmin().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(Map.of("status", status)).patch("/api/v1/licenses/" + license.licenseId()).statusCode();
    }

    /** The dashboard's query and a count of every live license by its owner's plan, in one snapshot. */
    private void assertSeatsEqualAFullCount() throws java.sql.SQLException {
        Map<String, Long> maintained;
        Map<String, Long> counted;
        try (var connection = database.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            try (var dashboard = connection.prepareStatement(Reports.SEATS_PER_PLAN);
                 var full = connection.prepareStatement("""
                         SELECT u.plan, count(*) AS seats FROM license.license_report l JOIN auth.user_report u ON u.id = l.user_id
                         WHERE l.status IN ('active', 'suspended') GROUP BY u.plan""")) {
                dashboard.setArray(1, connection.createArrayOf("text", new String[] {"free", "pro", "enterprise"}));
                maintained = seatsByPlan(dashboard);
                counted = seatsByPlan(full);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
        assertThat(maintained.keySet()).containsExactlyInAnyOrder("free", "pro", "enterprise");
        maintained.forEach((plan, seats) -> assertThat(seats).as(plan).isEqualTo(counted.getOrDefault(plan, 0L)));
    }

    private static Map<String, Long> seatsByPlan(java.sql.PreparedStatement query) throws java.sql.SQLException {
        Map<String, Long> seats = new java.util.HashMap<>();
        try (var row = query.executeQuery()) {
            while (row.next()) {
                seats.put(row.getString("plan"), row.getLong("seats"));
            }
        }
        return seats;
    }

    private Map<String, Long> countedInTheDatabase() throws java.sql.SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (var connection = database.getConnection(); var sql = connection.createStatement();
             var row = sql.executeQuery("SELECT status, count(*) FROM license.license_report GROUP BY status")) {
            while (row.next()) {
                counts.put(row.getString(1), row.getLong(2));
            }
        }
        return counts;
    }

    @Test
    void users_searchByEmailPrefix_ignoringCase_inPagesByEmail() {
        String prefix = "rpt-" + UUID.randomUUID().toString().substring(0, 8);
        TestUser b = Users.aUser().withEmail(prefix + "-b@example.test").register();
        TestUser a = Users.aUser().withEmail(prefix + "-a@example.test").register();
        TestUser c = Users.aUser().withEmail(prefix + "-C@example.test").withPlan("pro").register();
        Users.aUser().withEmail("x" + prefix + "@example.test").register();

        Response first = asAdmin().queryParam("query", prefix.toUpperCase()).queryParam("limit", 2)
                .get("/api/v1/admin/users").then().statusCode(200)
                .body("items.email", contains(a.email(), b.email()))
                .body("nextCursor", not(nullValue()))
                .extract().response();
        asAdmin().queryParam("query", prefix.toUpperCase()).queryParam("limit", 2)
                .queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/admin/users").then().statusCode(200)
                .body("items.email", contains(c.email()))
                .body("items[0].id", equalTo(c.userId().toString()))
                .body("items[0].plan", equalTo("pro"))
                .body("items[0].admin", equalTo(false))
                .body("nextCursor", nullValue());
        asAdmin().queryParam("query", prefix).queryParam("limit", 3).get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(3)).body("nextCursor", nullValue());
    }

    @Test
    void users_emptyPage() {
        asAdmin().queryParam("query", "nobody-" + UUID.randomUUID()).get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @Test
    void users_withoutAQuery_pageThroughEveryone() {
        Response first = asAdmin().queryParam("limit", 1).get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(1)).extract().response();
        asAdmin().queryParam("limit", 1).queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/admin/users").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].email", not(equalTo(first.<String>path("items[0].email"))));
    }

    @Test
    void users_aCursorOfAnotherQuery_orNoCursorAtAll_isRefused() {
        String prefix = "rpt-" + UUID.randomUUID().toString().substring(0, 8);
        Users.aUser().withEmail(prefix + "-a@example.test").register();
        Users.aUser().withEmail(prefix + "-b@example.test").register();
        String cursor = asAdmin().queryParam("query", prefix).queryParam("limit", 1).get("/api/v1/admin/users")
                .then().statusCode(200).extract().path("nextCursor");

        for (Map<String, Object> params : List.of(Map.<String, Object>of("query", prefix + "-a", "cursor", cursor),
                Map.<String, Object>of("cursor", cursor),
                Map.<String, Object>of("query", prefix, "cursor", "not-a-cursor"),
                Map.<String, Object>of("query", prefix, "cursor", cursor + "A"))) {
            asAdmin().queryParams(params).get("/api/v1/admin/users").then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:hybrid-license:problem:invalid-cursor"))
                    .body(not(org.hamcrest.Matchers.containsString(cursor)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "ten", "1.5"})
    void users_limitOutOfBounds_isRefused(String limit) {
        asAdmin().queryParam("limit", limit).get("/api/v1/admin/users").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("limit must be a whole number from 1 to 200"));
    }

    @Test
    void users_aQueryWithInvisibleCharacters_isRefusedWithoutEcho() {
        asAdmin().queryParam("query", "evil\u202Eexample").get("/api/v1/admin/users").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body(not(org.hamcrest.Matchers.containsString("evil")));
    }

    @Test
    void user_withSubscription_andAllLicensesNewestFirst() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated oldest = user.activated();
        Activated newest = user.activated();
        given().auth().oauth2(user.accessToken()).post("/api/v1/licenses/" + newest.licenseId() + "/deactivate")
                .then().statusCode(200);

        asAdmin().get("/api/v1/admin/users/" + user.userId()).then().statusCode(200)
                .body("id", equalTo(user.userId().toString()))
                .body("email", equalTo(user.email()))
                .body("plan", equalTo("pro"))
                .body("subscription.plan", equalTo("pro"))
                .body("subscription.status", equalTo("active"))
                .body("licenses.id", contains(newest.licenseId().toString(), oldest.licenseId().toString()))
                .body("licenses.status", contains("deactivated", "active"))
                .body("licenses[1].clientId", equalTo(oldest.clientId()))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void user_withoutLicenses_hasAnEmptyList() {
        TestUser user = Users.aUser().register();
        asAdmin().get("/api/v1/admin/users/" + user.userId()).then().statusCode(200)
                .body("licenses", hasSize(0)).body("subscription.plan", equalTo("free"));
    }

    @Test
    void user_unknown_isNotFound() {
        asAdmin().get("/api/v1/admin/users/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        asAdmin().get("/api/v1/admin/users/not-a-uuid").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body(not(org.hamcrest.Matchers.containsString("not-a-uuid")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/admin/stats/users", "/api/v1/admin/stats/licenses", "/api/v1/admin/users",
            "/api/v1/admin/users/4f1c2b8e-0000-4000-8000-000000000001", "/api/v1/admin/audit-logs"})
    void adminsOnly(String path) {
        given().get(path).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        String user = Users.aUser().register().accessToken();
        given().auth().oauth2(user).get(path).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        if (path.endsWith("audit-logs")) {
            given().accept("text/csv").get(path).then().statusCode(401);
            given().auth().oauth2(user).accept("text/csv").get(path).then().statusCode(403);
        }
    }

    private static Map<String, Map<String, Object>> planStats() {
        List<Map<String, Object>> rows = asAdmin().get("/api/v1/admin/stats/users").then().statusCode(200)
                .extract().path("$");
        Map<String, Map<String, Object>> byPlan = new java.util.LinkedHashMap<>();
        rows.forEach(row -> byPlan.put((String) row.get("plan"), row));
        return byPlan;
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        if (admin == null) {
            admin = TestUser.admin().accessToken();
        }
        return given().auth().oauth2(admin);
    }
}
