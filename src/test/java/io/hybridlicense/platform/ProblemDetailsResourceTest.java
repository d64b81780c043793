package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemDetailsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void malformedJson_is400_withoutEchoingTheInput() {
        given().contentType("application/json").body("{\"email\": \"a@b.c\", \"secret\": \"s3cr3t-value\"")
                .when().post("/test-probe")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json"))
                .body(not(containsString("s3cr3t-value")));
    }

    @Test
    void wrongFieldType_is400_namingTheFieldNotTheValue() {
        given().contentType("application/json").body("{\"email\": \"a@b.c\", \"secret\": \"x\", \"count\": \"s3cr3t-value\"}")
                .when().post("/test-probe")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", containsString("count"))
                .body(not(containsString("s3cr3t-value")));
    }

    @Test
    void unknownField_is400_namingTheKnownFieldsNotTheUnknownOne() {
        given().contentType("application/json").body("{\"email\": \"a@b.c\", \"secret\": \"x\", \"m4rk\": true}")
                .when().post("/test-probe")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", containsString("count, email, secret"))
                .body(not(containsString("m4rk")));
    }

    @Test
    void invalidFields_are400_listingEachField() {
        given().contentType("application/json").body("{\"email\": \"not-an-email\", \"secret\": \"0123456789abcdefXYZ\"}")
                .when().post("/test-probe")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-request"))
                .body("errors.field", hasItems("email", "secret"))
                .body(not(containsString("0123456789abcdefXYZ")));
    }

    @Test
    void missingBody_is400() {
        given().contentType("application/json").when().post("/test-probe")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void wrongMethod_is405_withAllow() {
        given().when().delete("/test-probe")
                .then().statusCode(405).contentType(PROBLEM_JSON)
                .body("status", equalTo(405));
    }

    @Test
    void wrongMediaType_is415() {
        given().contentType("text/plain").body("hello").when().post("/test-probe")
                .then().statusCode(415).contentType(PROBLEM_JSON)
                .body("status", equalTo(415));
    }

    @Test
    void unexpectedError_is500_withoutStackTraceOrMessage() {
        given().when().get("/test-probe/boom")
                .then().statusCode(500).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:hybrid-license:problem:internal-error"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at io.")));
    }
}
