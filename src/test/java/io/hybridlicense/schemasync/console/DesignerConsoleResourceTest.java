package io.hybridlicense.schemasync.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.Tokens;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * schemasync's console pages over plain HTTP: signed-out visitors, other users' data sources and tables,
 * CSRF, the same validation as the API with errors next to the field, and the polled status.
 */
@QuarkusTest
class DesignerConsoleResourceTest {

    @Test
    void signedOutVisitors_areSentToSignIn() {
        String id = UUID.randomUUID().toString();
        for (String page : List.of("/console/me/datasources", "/console/me/datasources/" + id,
                "/console/me/datasources/" + id + "/tables/new", "/console/me/tables/" + id,
                "/console/me/tables/" + id + "/timeline", "/console/me/tables/" + id + "/status")) {
            given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in"));
        }
        given().redirects().follow(false).cookie("hl_session", "not.a.token").get("/console/me/datasources")
                .then().statusCode(303).header("Set-Cookie", containsString("hl_session=; Path=/console; Max-Age=0"));
    }

    @Test
    void anotherUsersDataSourceAndTables_are403_andCannotBeChanged() {
        Owner owner = Owner.withTable();
        TestUser other = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(other.email(), other.password());

        given().cookies(session.cookies()).get("/console/me/datasources").then().statusCode(200)
                .body(not(containsString(owner.datasourceId)));
        for (String page : List.of("/console/me/datasources/" + owner.datasourceId,
                "/console/me/datasources/" + owner.datasourceId + "/tables/new", "/console/me/tables/" + owner.tableId,
                "/console/me/tables/" + owner.tableId + "/timeline", "/console/me/tables/" + owner.tableId + "/status",
                "/console/me/tables/" + owner.tableId + "/schema?version=1", "/console/me/datasources/" + owner.datasourceId + "/drift",
                "/console/me/datasources/" + UUID.randomUUID(), "/console/me/tables/" + UUID.randomUUID())) {
            given().redirects().follow(false).cookies(session.cookies()).get(page).then().statusCode(403)
                    .contentType(ContentType.HTML).body(containsString("not yours"), not(containsString("shop_" )));
        }
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", "1")
                .formParam("name", "stolen").formParam("base", "text")
                .post("/console/me/tables/" + owner.tableId + "/columns").then().statusCode(403);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", "1")
                .formParam("column", "name").post("/console/me/tables/" + owner.tableId + "/columns/drop").then().statusCode(403);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post("/console/me/datasources/" + owner.datasourceId + "/check").then().statusCode(403);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("name", "intruder")
                .post("/console/me/datasources/" + owner.datasourceId + "/tables").then().statusCode(403);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post("/console/me/datasources/" + owner.datasourceId + "/import").then().statusCode(403);
        for (String action : List.of("/revert", "/reconcile")) {
            given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", "1")
                    .formParam("toVersion", "1").formParam("strategy", "adopt").formParam("allowDataLoss", "true")
                    .post("/console/me/tables/" + owner.tableId + action).then().statusCode(403);
        }
        assertThat(owner.api.table(owner.tableId).getInt("version")).isEqualTo(1);
        assertThat(owner.api.table(owner.tableId).getList("columns.name")).doesNotContain("stolen");
        assertThat(owner.api.request().get("/api/v1/datasources/" + owner.datasourceId + "/tables").jsonPath()
                .getList("name")).containsExactly(owner.tableName);

        // an admin sees everyone's
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        given().cookies(admin.cookies()).get("/console/me/datasources").then().statusCode(200)
                .body(containsString(owner.datasourceId));
        given().cookies(admin.cookies()).get("/console/me/tables/" + owner.tableId).then().statusCode(200)
                .body(containsString(owner.tableName));
    }

    @Test
    void formPostsWithoutTheCsrfToken_areRefused_andChangeNothing() {
        Owner owner = Owner.withTable();
        Visitor session = owner.session();
        given().cookies(session.cookies()).contentType(ContentType.URLENC).formParam("name", "no-token").formParam("kind", "sqlite")
                .formParam("file", "no-token.db").post("/console/me/datasources").then().statusCode(400);
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", "AAAAAAAAAAAAAAAAAAAAAA").contentType(ContentType.URLENC)
                .formParam("version", "1").formParam("name", "forged").formParam("base", "text")
                .post("/console/me/tables/" + owner.tableId + "/columns").then().statusCode(400);
        given().cookies(session.cookies()).contentType(ContentType.URLENC).formParam("version", "1").formParam("column", "name")
                .post("/console/me/tables/" + owner.tableId + "/columns/drop").then().statusCode(400);
        assertThat(owner.api.request().get("/api/v1/datasources").jsonPath().getList("name")).doesNotContain("no-token");
        assertThat(owner.api.table(owner.tableId).getInt("version")).isEqualTo(1);

        // the same post with the token, as htmx sends it in the header, is accepted
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken()).header("HX-Request", "true")
                .contentType(ContentType.URLENC).formParam("version", "1").formParam("name", "email")
                .formParam("base", "varchar").formParam("size", "255").formParam("nullable", "true")
                .post("/console/me/tables/" + owner.tableId + "/columns").then().statusCode(200)
                .body(containsString("Column email requested."), not(containsString("<html")));
        assertThat(owner.api.table(owner.tableId).getList("columns.name")).contains("email");
    }

    @Test
    void registering_checksLikeTheApi_withTheErrorNextToTheField_andNeverEchoesThePassword() {
        Visitor session = Owner.withTable().session();
        String page = given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .formParam("name", "orders").formParam("kind", "postgresql").formParam("port", "5432")
                .formParam("database", "orders").formParam("username", "app").formParam("password", "s3cret-Value")
                .post("/console/me/datasources").then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"ds-host-error\"", "host must be a host name or an IP address", "aria-invalid=\"true\"")
                .doesNotContain("s3cret-Value");

        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("name", "orders")
                .formParam("kind", "postgresql").formParam("host", "localhost").formParam("port", "seventy")
                .formParam("database", "orders").formParam("username", "app")
                .post("/console/me/datasources").then().statusCode(400)
                .body(containsString("id=\"ds-port-error\""), containsString("port must be a number"));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("name", "")
                .formParam("kind", "oracle").formParam("file", "x.db")
                .post("/console/me/datasources").then().statusCode(400)
                .body(containsString("id=\"ds-name-error\""), containsString("id=\"ds-kind-error\""));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("name", "escape")
                .formParam("kind", "sqlite").formParam("file", "../elsewhere.db")
                .post("/console/me/datasources").then().statusCode(400)
                .body(containsString("id=\"ds-file-error\""), containsString("plain file name"));

        Response created = given().redirects().follow(false).cookies(session.cookies())
                .formParam("csrf-token", session.csrfToken()).formParam("name", "notes").formParam("kind", "sqlite")
                .formParam("file", "notes-" + TestTargets.shortId() + ".db").formParam("create", "true")
                .post("/console/me/datasources");
        created.then().statusCode(303).header("Location", containsString("/console/me/datasources/"));
        given().cookies(session.cookies()).get(created.header("Location")).then().statusCode(200)
                .body(containsString("<h1>notes</h1>"), containsString("No tables yet"));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post(created.header("Location") + "/check").then().statusCode(200)
                .body(containsString("Reachable: SQLite"));
    }

    @Test
    void columnForms_showTheDomainsRefusalNextToTheField_andRecordNothing() {
        Owner owner = Owner.withTable();
        Visitor session = owner.session();
        String columns = "/console/me/tables/" + owner.tableId + "/columns";
        Map<String, Map<String, String>> cases = Map.of(
                "add-name-error", Map.of("name", "1st", "base", "text"),
                "add-type-error", Map.of("name", "code", "base", "varchar", "size", "0"),
                "add-default-error", Map.of("name", "amount", "base", "integer", "default", "twelve"));
        cases.forEach((error, form) -> given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken())
                .header("HX-Request", "true").formParams(form).formParam("version", "1").formParam("nullable", "true")
                .post(columns).then().statusCode(400).body(containsString("id=\"" + error + "\"")));
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken()).formParam("version", "1")
                .formParam("name", "name").formParam("base", "text").post(columns)
                .then().statusCode(409).body(containsString("id=\"add-name-error\""), containsString("already exists"));
        assertThat(owner.api.table(owner.tableId).getInt("version")).isEqualTo(1);

        // a change from a page loaded before another change is refused, not applied on top
        owner.api.request().body(Api.column("later", "text")).post("/api/v1/tables/" + owner.tableId + "/columns")
                .then().statusCode(202);
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken()).formParam("version", "1")
                .formParam("name", "stale").formParam("base", "text").formParam("nullable", "true").post(columns)
                .then().statusCode(412).body(containsString("changed by someone else"));
        assertThat(owner.api.table(owner.tableId).getList("columns.name")).doesNotContain("stale");
    }

    @Test
    void theStatusFragment_saysWhenThePendingChangeSettled() {
        Owner owner = Owner.withTable();
        owner.api.synced(owner.tableId);
        Visitor session = owner.session();
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken()).header("HX-Request", "true")
                .formParam("version", "1").formParam("name", "email").formParam("base", "text")
                .formParam("nullable", "true").formParam("column", "name").post("/console/me/tables/" + owner.tableId + "/columns/edit")
                .then().statusCode(200).body(containsString("change requested"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response status = given().cookies(session.cookies()).get("/console/me/tables/" + owner.tableId + "/status");
            return status.statusCode() == 200 && status.asString().contains(">synced<")
                    && "table-settled".equals(status.header("HX-Trigger"));
        });
        assertThat(owner.target.describe(owner.tableName)).anySatisfy(column -> assertThat(column).startsWith("email "));
        given().cookies(session.cookies()).get("/console/me/tables/" + owner.tableId + "/timeline").then().statusCode(200)
                .body(containsString("Change column name to email text"), containsString("Change 2 applied"));
        given().cookies(session.cookies()).get("/console/me/tables/" + owner.tableId + "/schema?version=1").then()
                .statusCode(200).body(containsString("Schema at version 1"), containsString(">name<"), not(containsString(">email<")));
    }

    @Test
    void revert_namesWhatItWouldLose_andReconcile_appliesTheModel_overHttp() {
        Owner owner = Owner.withTable();
        owner.api.synced(owner.tableId);
        owner.api.request().body(Api.column("email", "text")).post("/api/v1/tables/" + owner.tableId + "/columns")
                .then().statusCode(202);
        owner.api.synced(owner.tableId);
        Visitor session = owner.session();
        String table = "/console/me/tables/" + owner.tableId;

        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", "2")
                .formParam("toVersion", "1").post(table + "/revert").then().statusCode(422)
                .body(containsString("id=\"timeline-notice\""), containsString("email"), containsString("accept losing data"));
        assertThat(owner.target.columns(owner.tableName)).contains("email");
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", "2")
                .formParam("toVersion", "1").formParam("allowDataLoss", "true").post(table + "/revert").then().statusCode(200)
                .body(containsString("Revert to version 1 requested."));
        owner.api.synced(owner.tableId);
        assertThat(owner.target.columns(owner.tableName)).containsExactly("id", "name");

        // behind our back: the drift view shows it, and apply puts the database back to the model
        owner.target.execute("ALTER TABLE " + owner.tableName + " ADD COLUMN note TEXT");
        String drift = "/console/me/datasources/" + owner.datasourceId + "/drift";
        int events = owner.api.events(owner.tableId).size();
        for (int i = 0; i < 2; i++) {
            given().cookies(session.cookies()).get(drift).then()
                    .statusCode(200).body(containsString("extra-column"), containsString(">note<"), containsString("Not recorded"));
        }
        assertThat(owner.api.events(owner.tableId)).hasSize(events);
        assertThat(owner.api.table(owner.tableId).getList("drift")).isEmpty();
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).post(drift).then()
                .statusCode(200).body(containsString("extra-column"), containsString("Recorded"));
        assertThat(owner.api.events(owner.tableId)).hasSize(events + 1);
        assertThat(owner.api.table(owner.tableId).getList("drift.column")).containsExactly("note");
        String version = Integer.toString(owner.api.table(owner.tableId).getInt("version"));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", version)
                .formParam("strategy", "sideways").post(table + "/reconcile").then().statusCode(400)
                .body(containsString("Choose apply or adopt."));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("version", version)
                .formParam("strategy", "apply").formParam("allowDataLoss", "true").post(table + "/reconcile")
                .then().statusCode(200).body(containsString("Applying the model"));
        owner.api.synced(owner.tableId);
        assertThat(owner.target.columns(owner.tableName)).containsExactly("id", "name");
        assertThat(owner.api.table(owner.tableId).getList("drift")).isEmpty();
    }

    @Test
    void import_refusesAnUnknownOrManagedTable_namingIt_andImportsNothing() {
        Owner owner = Owner.withTable();
        owner.api.synced(owner.tableId);
        owner.target.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        Visitor session = owner.session();
        String importPath = "/console/me/datasources/" + owner.datasourceId + "/import";
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("tables", "invoices, nope")
                .post(importPath).then().statusCode(422).body(containsString("Nothing was imported"), containsString("value=\"invoices, nope\""));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .formParam("tables", "invoices " + owner.tableName).post(importPath).then().statusCode(409)
                .body(containsString(owner.tableName));
        assertThat(owner.api.request().get("/api/v1/datasources/" + owner.datasourceId + "/tables").jsonPath()
                .getList("name")).containsExactly(owner.tableName);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).post(importPath)
                .then().statusCode(200).body(containsString("Imported invoices."), containsString("data-name=\"invoices\""));
    }

    @Test
    void theNewPages_haveAStrictContentSecurityPolicy() {
        Owner owner = Owner.withTable();
        Visitor session = owner.session();
        for (String page : List.of("/console/me/datasources", "/console/me/datasources/" + owner.datasourceId,
                "/console/me/datasources/" + owner.datasourceId + "/tables/new", "/console/me/tables/" + owner.tableId,
                "/console/me/tables/" + owner.tableId + "/timeline", "/console/me/datasources/" + owner.datasourceId + "/drift")) {
            Response response = given().cookies(session.cookies()).get(page);
            response.then().statusCode(200);
            assertThat(response.header("Content-Security-Policy")).contains("script-src 'self';").doesNotContain("unsafe-inline");
            assertThat(response.asString()).doesNotContain("<script>", "style=", "<style", " onclick=", "javascript:");
        }
        given().cookies(session.cookies()).get("/console/me").then().body(containsString("href=\"/console/me/datasources\""));
    }

    /** A user with a SQLite data source and one table (created through the API), signed in to the console. */
    record Owner(TestUser user, Api api, TestTargets.Target target, String datasourceId, String tableId, String tableName) {

        static Owner withTable() {
            TestUser user = Users.aUser().register();
            Api api = new Api(new Tokens.Identity(user.userId().toString(), user.accessToken()));
            TestTargets.Target target = TestTargets.sqlite(api);
            String datasourceId = api.register(target);
            String tableName = "shop_" + TestTargets.shortId();
            String tableId = api.createTable(datasourceId, Map.of("name", tableName,
                    "columns", List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true), Api.column("name", "text"))));
            return new Owner(user, api, target, datasourceId, tableId, tableName);
        }

        Visitor session() {
            return Visitor.arrive().signedIn(user.email(), user.password());
        }
    }
}
