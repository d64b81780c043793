package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request ids in every line of a request, and no secrets in any line. */
@QuarkusTest
class RequestLogsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** Loggers raised to DEBUG for the test, so that even debug lines are searched for secrets. */
    private static final List<String> VERBOSE = List.of("io.hybridlicense", "io.quarkus.security", "io.quarkus.smallrye.jwt",
            "io.smallrye.jwt", "io.quarkus.resteasy.reactive", "org.jboss.resteasy.reactive");

    private final Capture capture = new Capture();
    private final Map<String, Level> levels = new java.util.HashMap<>();

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        for (String name : VERBOSE) {
            Logger logger = Logger.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
        levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    @Test
    void aSaneIncomingRequestId_isEchoed_andCarriedByTheRequestsLogLines() {
        given().header("X-Request-Id", "lb-7f3a9c2e-0001").get("/test-probe/boom")
                .then().statusCode(500).header("X-Request-Id", "lb-7f3a9c2e-0001");

        List<ExtLogRecord> lines = capture.from("io.hybridlicense.platform.ProblemMappers");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.getMdc(RequestIds.MDC_KEY)).isEqualTo("lb-7f3a9c2e-0001"));
    }

    @Test
    void anInsaneIncomingRequestId_isReplacedByAGeneratedOne() {
        for (String insane : List.of("short", "a".repeat(65), "evil\u00e9id-1234", "id with spaces 123", "-leading-dash-1")) {
            String echoed = given().header("X-Request-Id", insane).get("/q/health/live")
                    .then().statusCode(200).header("X-Request-Id", matchesPattern(UUID)).extract().header("X-Request-Id");
            assertThat(echoed).isNotEqualTo(insane);
        }
    }

    @Test
    void everyResponse_getsAnId_evenARefusedOne() {
        given().get("/no/such/path").then().statusCode(404).header("X-Request-Id", matchesPattern(UUID));
        given().get("/x?" + "a".repeat(5000)).then().statusCode(414).header("X-Request-Id", matchesPattern(UUID));
    }

    @Test
    void loginsAndActivations_logNeitherPasswordsNorTokens() {
        TestUser user = Users.aUser().withPassword("Sup3r-Secret-Passw0rd-" + java.util.UUID.randomUUID()).register();
        String wrong = "Wr0ng-Secret-Passw0rd-" + java.util.UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", user.email(), "password", wrong)).post("/api/v1/auth/login")
                .then().statusCode(401).body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(wrong)));
        String token = user.accessToken();
        String licenseToken = user.activated().token();
        given().header("Authorization", "Bearer " + token + "x").get("/api/v1/auth/me").then().statusCode(401);

        String everything = capture.text();
        assertThat(everything).doesNotContain(wrong).doesNotContain(user.password())
                .doesNotContain(token).doesNotContain(licenseToken);
        // the signature alone is what a leaked token would be used for
        assertThat(everything).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void theResponseHeader_isTheIdOfTheLogLines() {
        String id = given().get("/test-probe/boom").then().statusCode(500)
                .body("status", equalTo(500)).extract().header("X-Request-Id");

        assertThat(capture.from("io.hybridlicense.platform.ProblemMappers")).extracting(line -> line.getMdc(RequestIds.MDC_KEY)).contains(id);
    }

    /** Keeps every record with its MDC and its text (message, parameters, stack trace). */
    private static final class Capture extends Handler {
        private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyAll();
                records.add(ext);
            }
        }

        List<ExtLogRecord> from(String prefix) {
            return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(prefix)).toList();
        }

        String text() {
            StringBuilder all = new StringBuilder();
            for (ExtLogRecord record : records) {
                all.append(record.getFormattedMessage()).append('\n');
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    all.append(trace).append('\n');
                }
            }
            return all.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
