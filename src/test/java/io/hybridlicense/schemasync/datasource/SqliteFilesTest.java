package io.hybridlicense.schemasync.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SQLite files are opened, never created by accident: each instance has its own directory, and a file
 * created where another instance's database should have been is a second, empty database that answers
 * as if nothing were wrong. A new database is made by asking for it at registration only.
 */
@QuarkusTest
class SqliteFilesTest {

    private static final String PROBLEM = "urn:hybrid-license:problem:";

    @Test
    void aMissingFile_isRefusedAtRegistration_andNothingIsCreated() {
        Api api = Api.asNewUser();
        api.request().body(Map.of("name", "lite", "kind", "sqlite", "file", "absent.db")).post("/api/v1/datasources")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "sqlite-file-missing"));

        assertThat(TestTargets.sqliteDirectory(api)).doesNotExist();
        api.request().get("/api/v1/datasources").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void create_makesANewEmptyDatabase_ownerOnlyFromTheStart_andNeverOverAnExistingFile() throws Exception {
        Api api = Api.asNewUser();
        String ds = api.request().body(Map.of("name", "fresh", "kind", "sqlite", "file", "fresh.db", "create", true))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        Path file = TestTargets.sqliteDirectory(api).resolve("fresh.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        api.synced(api.createTable(ds, Map.of("name", "kept")));

        api.request().body(Map.of("name", "again", "kind", "sqlite", "file", "fresh.db", "create", true))
                .post("/api/v1/datasources").then().statusCode(409).body("type", equalTo(PROBLEM + "sqlite-file-exists"));
        String same = api.request().body(Map.of("name", "same file", "kind", "sqlite", "file", "fresh.db"))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        assertThat(api.request().get("/api/v1/datasources/" + same + "/drift").then().statusCode(200).extract()
                .jsonPath().getList("extraTables")).containsExactly("kept");
        api.request().body(Map.of("name", "server", "kind", "postgresql", "host", "127.0.0.1", "port", 5432,
                "database", "db", "username", "u", "create", true)).post("/api/v1/datasources").then().statusCode(400);
    }

    @Test
    void aChange_neverCreatesAFileThatVanished_andIsRejectedSayingSo() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "vanishing"));
        api.synced(tableId);
        Path file = TestTargets.sqliteDirectory(api).resolve((String) target.registration().get("file"));
        Files.delete(file);

        api.request().body(Api.column("later", "text")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        JsonPath table = api.settled(tableId);

        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("sqlite-file-missing: ");
        assertThat(file).doesNotExist();
        for (String read : new String[] {"/drift", "/check"}) {
            var call = read.equals("/check") ? api.request().post("/api/v1/datasources/" + ds + read)
                    : api.request().get("/api/v1/datasources/" + ds + read);
            call.then().statusCode(422).body("type", equalTo(PROBLEM + "sqlite-file-missing"));
        }
        api.request().body(Map.of()).post("/api/v1/datasources/" + ds + "/import").then().statusCode(422);
        assertThat(file).doesNotExist();
    }
}
