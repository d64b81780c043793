package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsResourceTest {

    @Test
    void readiness_checksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
    }

    @Test
    void unknownPath_isProblemJson404() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:hybrid-license:problem:not-found"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void everyResponse_carriesSecurityHeaders() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void openApi_isPublished() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Hybrid License API"));
    }

    @Test
    void swaggerUi_isServedWithAnHtmlPolicy() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(not(containsString("Exception")));
    }

    @Test
    void info_namesTheVersion_andNothingAboutTheHost() {
        given().accept("application/json").when().get("/q/info")
                .then().statusCode(200)
                .body("build.version", equalTo("0.1.0-SNAPSHOT"))
                .body("build.artifact", equalTo("hybrid-license"))
                .body("os", org.hamcrest.Matchers.nullValue())
                .body("java", org.hamcrest.Matchers.nullValue());
    }
}
