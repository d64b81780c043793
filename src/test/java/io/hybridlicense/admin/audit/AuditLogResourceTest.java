package io.hybridlicense.admin.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The audit-log API: filters, keyset pages newest first, and the CSV export of the same filter. */
@QuarkusTest
class AuditLogResourceTest {

    private static final String PATH = "/api/v1/admin/audit-logs";
    private static String admin;

    @Inject
    AuditTrail auditTrail;
    @Inject
    TestClock clock;

    @Test
    void pagesNewestFirst_throughTheLastPage() {
        String actor = UUID.randomUUID().toString();
        List<String> subjects = recordEntries(actor, "PROBE_PAGED", 5);

        Response first = asAdmin().queryParam("userId", actor).queryParam("limit", 2).get(PATH).then().statusCode(200)
                .body("items.subjectId", contains(subjects.get(4), subjects.get(3)))
                .body("items[0].actorId", equalTo(actor))
                .body("items[0].action", equalTo("PROBE_PAGED"))
                .body("items[0].details.n", equalTo(4))
                .body("nextCursor", not(nullValue()))
                .extract().response();
        Response second = asAdmin().queryParam("userId", actor).queryParam("limit", 2)
                .queryParam("cursor", first.<String>path("nextCursor")).get(PATH).then().statusCode(200)
                .body("items.subjectId", contains(subjects.get(2), subjects.get(1)))
                .extract().response();
        asAdmin().queryParam("userId", actor).queryParam("limit", 2)
                .queryParam("cursor", second.<String>path("nextCursor")).get(PATH).then().statusCode(200)
                .body("items.subjectId", contains(subjects.get(0)))
                .body("nextCursor", nullValue());
    }

    @Test
    void aFullLastPage_hasNoNextCursor() {
        String actor = UUID.randomUUID().toString();
        recordEntries(actor, "PROBE_PAGED", 2);
        asAdmin().queryParam("userId", actor).queryParam("limit", 2).get(PATH).then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", nullValue());
    }

    @Test
    void entriesWithTheSameTime_areOrderedById_andNoneIsSkipped() {
        String actor = UUID.randomUUID().toString();
        clock.stop();
        try {
            for (int i = 0; i < 4; i++) {
                record(actor, "PROBE_SAME_TIME", UUID.randomUUID().toString(), i);
            }
        } finally {
            clock.resume();
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = asAdmin().queryParam("userId", actor).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(PATH).then().statusCode(200).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(4).doesNotHaveDuplicates()
                .as("PostgreSQL orders uuids by their bytes: the order of their hex text")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersByAction_subject_andTimeRange() {
        String actor = UUID.randomUUID().toString();
        List<String> subjects = recordEntries(actor, "PROBE_FILTERED", 3);
        record(actor, "PROBE_OTHER", subjects.get(1), 9);

        asAdmin().queryParam("userId", actor).queryParam("action", "PROBE_OTHER").get(PATH).then().statusCode(200)
                .body("items.action", contains("PROBE_OTHER"));
        asAdmin().queryParam("subjectId", subjects.get(1)).get(PATH).then().statusCode(200)
                .body("items.action", contains("PROBE_OTHER", "PROBE_FILTERED"));
        asAdmin().queryParam("action", "PROBE_FILTERED").queryParam("subjectId", subjects.get(2)).get(PATH)
                .then().statusCode(200).body("items.subjectId", contains(subjects.get(2)));

        List<String> times = asAdmin().queryParam("userId", actor).queryParam("action", "PROBE_FILTERED").get(PATH)
                .then().statusCode(200).extract().path("items.occurredAt");
        // newest first: times.get(2) is the oldest; from is inclusive, to exclusive
        asAdmin().queryParam("userId", actor).queryParam("from", times.get(1)).queryParam("to", times.get(0)).get(PATH)
                .then().statusCode(200).body("items.subjectId", contains(subjects.get(1)));
    }

    @Test
    void emptyPage() {
        asAdmin().queryParam("userId", UUID.randomUUID().toString()).get(PATH).then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @Test
    void aCursorOfAnotherFilter_isRefused() {
        String actor = UUID.randomUUID().toString();
        recordEntries(actor, "PROBE_CURSOR", 2);
        String cursor = asAdmin().queryParam("userId", actor).queryParam("limit", 1).get(PATH).then().statusCode(200)
                .extract().path("nextCursor");

        List<Map<String, Object>> foreign = List.of(
                Map.of("userId", UUID.randomUUID().toString(), "cursor", cursor),
                Map.of("userId", actor, "action", "PROBE_CURSOR", "cursor", cursor),
                Map.of("cursor", cursor),
                Map.of("userId", actor, "from", "2020-01-01T00:00:00Z", "cursor", cursor));
        for (Map<String, Object> params : foreign) {
            asAdmin().queryParams(params).get(PATH).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:hybrid-license:problem:invalid-cursor"));
            asAdmin().queryParams(params).accept("text/csv").get(PATH).then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE);
        }
        // a users-list cursor is no audit-log cursor either (two users, whatever ran before: the list has a next page)
        Users.aUser().register();
        Users.aUser().register();
        String usersCursor = asAdmin().queryParam("limit", 1).get("/api/v1/admin/users").then().statusCode(200)
                .extract().path("nextCursor");
        assertThat(usersCursor).isNotNull();
        asAdmin().queryParam("cursor", usersCursor).get(PATH).then().statusCode(400);
    }

    @ParameterizedTest
    @CsvSource({"userId,not-a-uuid-secret", "from,yesterday-secret", "to,2026-13-01T00:00:00Z", "action,lower_secret",
            "limit,0", "limit,201", "limit,secret", "cursor,!!secret", "cursor,c2VjcmV0", "subjectId,a\u202Esecret"})
    void badFilters_areRefused_withoutEcho(String name, String value) {
        asAdmin().queryParam(name, value).get(PATH).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body(not(containsString("secret")));
    }

    @Test
    void csv_streamsTheSameFilter_newestFirst_withInjectionSafeCells() {
        String actor = UUID.randomUUID().toString();
        List<String> subjects = recordEntries(actor, "PROBE_CSV", 3);
        String formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
        record(actor, "PROBE_CSV_EVIL", formula, 0);
        record(actor, "PROBE_CSV_EVIL", "+1,2", 0);
        record(actor, "PROBE_CSV_EVIL", "-2", 0);
        record(actor, "PROBE_CSV_EVIL", "@SUM(A1)", 0);

        String csv = asAdmin().queryParam("userId", actor).queryParam("action", "PROBE_CSV").accept("text/csv")
                .get(PATH).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("audit-log.csv"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("id,occurredAt,action,module,subjectType,subjectId,actorId,details");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains(subjects.get(2) + "," + actor).contains(",PROBE_CSV,test,probe,");
        assertThat(lines[3]).contains(subjects.get(0));
        assertThat(lines[1]).endsWith(",\"{\"\"n\"\": 2}\"");

        String evil = asAdmin().queryParam("userId", actor).queryParam("action", "PROBE_CSV_EVIL").accept("text/csv")
                .get(PATH).then().statusCode(200).extract().asString();
        assertThat(evil.split("\r\n")).hasSize(5);
        assertThat(evil).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
                .contains(",\"'+1,2\",").contains(",'-2,").contains(",'@SUM(A1),")
                .doesNotContain(",=").doesNotContain(",+").doesNotContain(",-2").doesNotContain(",@");
    }

    @Test
    void csv_ofMoreRowsThanOneFetch_isComplete() {
        String actor = UUID.randomUUID().toString();
        int rows = AuditLogQuery.CSV_FETCH_SIZE * 2 + 7;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < rows; i++) {
                auditTrail.record(new AuditTrail.Entry("PROBE_MANY", "test", "probe", "s-" + i, actor, Map.of()));
            }
        });
        String csv = asAdmin().queryParam("userId", actor).accept("text/csv").get(PATH).then().statusCode(200)
                .extract().asString();
        assertThat(csv.split("\r\n")).hasSize(rows + 1);
        asAdmin().queryParam("userId", UUID.randomUUID().toString()).accept("text/csv").get(PATH).then().statusCode(200)
                .body(equalTo("id,occurredAt,action,module,subjectType,subjectId,actorId,details\r\n"));
    }

    /** {@code count} entries one second apart (oldest first), each about a new subject; returns the subjects. */
    private List<String> recordEntries(String actor, String action, int count) {
        List<String> subjects = new ArrayList<>();
        clock.stop();
        clock.advance(Duration.ofSeconds(-count));
        try {
            for (int i = 0; i < count; i++) {
                String subject = UUID.randomUUID().toString();
                record(actor, action, subject, i);
                subjects.add(subject);
                clock.advance(Duration.ofSeconds(1));
            }
        } finally {
            clock.resume();
        }
        return subjects;
    }

    private void record(String actor, String action, String subject, int n) {
        QuarkusTransaction.requiringNew().run(() -> auditTrail.record(
                new AuditTrail.Entry(action, "test", "probe", subject, actor, Map.of("n", n))));
    }

    private static RequestSpecification asAdmin() {
        if (admin == null) {
            admin = TestUser.admin().accessToken();
        }
        return given().auth().oauth2(admin);
    }

    static Instant now() {
        return Instant.now();
    }
}
