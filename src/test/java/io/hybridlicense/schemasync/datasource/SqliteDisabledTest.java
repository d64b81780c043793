package io.hybridlicense.schemasync.datasource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code hl.schemasync.sqlite.enabled=false} (the deployment manifests: several instances, each with
 * its own disk) no SQLite data source can be registered, neither an existing file nor a new one.
 */
@QuarkusTest
@TestProfile(SqliteDisabledTest.SqliteDisabled.class)
class SqliteDisabledTest {

    public static class SqliteDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hl.schemasync.sqlite.enabled", "false");
        }
    }

    @Test
    void registeringSqlite_isRefused_422_andNoFileIsCreated() {
        Api api = Api.asNewUser();
        TestTargets.Target existing = TestTargets.sqlite(api);
        for (Map<String, Object> body : new Map[] {Map.of("name", "old", "kind", "sqlite", "file", existing.registration().get("file")),
                Map.of("name", "new", "kind", "sqlite", "file", "new.db", "create", true)}) {
            String answer = api.request().body(body).post("/api/v1/datasources").then().statusCode(422)
                    .contentType("application/problem+json").body("type", equalTo("urn:hybrid-license:problem:sqlite-disabled"))
                    .extract().asString();
            assertThat(answer).doesNotContain("Exception", TestTargets.sqliteDirectory(api).toString());
        }
        assertThat(TestTargets.sqliteDirectory(api).resolve("new.db")).doesNotExist();
        api.request().get("/api/v1/datasources").then().statusCode(200).body("size()", equalTo(0));

        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("name", "notes")
                .formParam("kind", "sqlite").formParam("file", "notes.db").formParam("create", "true")
                .post("/console/me/datasources").then().statusCode(422)
                .body(containsString("id=\"ds-file-error\""), containsString("not enabled on this server"));
    }
}
