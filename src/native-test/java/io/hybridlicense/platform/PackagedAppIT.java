package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** Runs against the packaged application (the JVM jar, or the native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class PackagedAppIT {

    @Test
    void isLiveAndReadyWithItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo(404));
    }
}
