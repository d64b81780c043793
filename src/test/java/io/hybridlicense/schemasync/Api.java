package io.hybridlicense.schemasync;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small rest-assured helpers for one user's calls to the schemasync API. */
public final class Api {

    private final Tokens.Identity identity;

    public Api(Tokens.Identity identity) {
        this.identity = identity;
    }

    public static Api asNewUser() {
        return new Api(Tokens.forNewUser());
    }

    public Tokens.Identity identity() {
        return identity;
    }

    public RequestSpecification request() {
        return given().header("Authorization", identity.bearer()).contentType(ContentType.JSON);
    }

    public String register(TestTargets.Target target) {
        Map<String, Object> body = new HashMap<>(target.registration());
        body.put("name", "ds-" + TestTargets.shortId());
        return request().body(body).post("/api/v1/datasources")
                .then().statusCode(201).extract().path("datasourceId");
    }

    public String createTable(String datasourceId, Map<String, Object> body) {
        return request().body(body).post("/api/v1/datasources/" + datasourceId + "/tables")
                .then().statusCode(202).extract().path("tableId");
    }

    public JsonPath table(String tableId) {
        return request().get("/api/v1/tables/" + tableId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits (with a deadline) until the table has no pending change, and returns it. */
    public JsonPath settled(String tableId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !"pending".equals(table(tableId).getString("status")));
        return table(tableId);
    }

    public JsonPath synced(String tableId) {
        JsonPath table = settled(tableId);
        if (!"synced".equals(table.getString("status"))) {
            throw new AssertionError("Expected synced but was " + table.prettify());
        }
        return table;
    }

    public List<Map<String, Object>> events(String tableId) {
        return request().get("/api/v1/tables/" + tableId + "/events").then().statusCode(200).extract().jsonPath().getList("$");
    }

    public static Map<String, Object> column(String name, String type) {
        return Map.of("name", name, "type", type);
    }
}
