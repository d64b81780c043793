package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validation answers are read from the database, never from an instance's memory: a license activated
 * on server A and validated on server B (one key set: B verifies A's signature), then deactivated
 * through A, is reported revoked by the very next validation on B, with no wait.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class LicenseTwoServersIT {

    private static SecondServer serverB;

    @BeforeAll
    static void startSecondServer() throws Exception {
        serverB = SecondServer.start("license-b", Map.of());
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (serverB != null) {
            serverB.close();
        }
    }

    @Test
    void aDeactivationThroughOneServer_showsInTheNextValidationOnTheOther() {
        String email = "two-servers-" + UUID.randomUUID() + "@example.test";
        String password = "packaged app password";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/register").then().statusCode(201);
        String accessToken = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        String clientId = "two-servers-" + UUID.randomUUID();
        Response activation = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "clientId", clientId))
                .post("/api/v1/licenses/activate");
        activation.then().statusCode(201);
        String licenseId = activation.path("licenseId");
        String token = activation.path("token");
        for (int i = 0; i < 20; i++) {
            validateOnB(token, clientId).body("code", equalTo("VALID"));
        }

        given().auth().oauth2(accessToken).post("/api/v1/licenses/" + licenseId + "/deactivate").then().statusCode(200);

        validateOnB(token, clientId).body("code", equalTo("REVOKED")).body("status", equalTo("deactivated"));
    }

    private static RequestSpecification onB() {
        return given().baseUri("http://127.0.0.1").port(serverB.port());
    }

    private static ValidatableResponse validateOnB(String token, String clientId) {
        return onB().contentType(ContentType.JSON)
                .body(Map.of("token", token, "clientId", clientId))
                .post("/api/v1/licenses/validate").then().statusCode(200);
    }
}
