package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/licenses/{id}/extend: admins, with If-Match, live licenses only, audited. */
@QuarkusTest
class LicenseExtensionTest {

    @Test
    void anAdmin_extendsByOneValidityPeriod_withTheETag_andItIsAudited() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        String admin = TestUser.admin().accessToken();
        String path = "/api/v1/licenses/" + license.licenseId();
        Instant before = Instant.parse(given().auth().oauth2(admin).get(path).path("expiresAt"));

        String after = given().auth().oauth2(admin).header("If-Match", "\"0\"").post(path + "/extend")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("active"))
                .extract().path("expiresAt");
        assertThat(Instant.parse(after)).isEqualTo(before.plus(Duration.ofDays(365)));

        given().auth().oauth2(admin).queryParam("subjectId", license.licenseId().toString())
                .queryParam("action", "LICENSE_EXTENDED").get("/api/v1/admin/audit-logs")
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].details.from", equalTo(before.toString())).body("items[0].details.to", equalTo(after));
    }

    @Test
    void withoutOrWithAStaleETag_nothingChanges() {
        Activated license = Users.aUser().register().activated();
        String admin = TestUser.admin().accessToken();
        String path = "/api/v1/licenses/" + license.licenseId();
        String expiresAt = given().auth().oauth2(admin).get(path).path("expiresAt");

        given().auth().oauth2(admin).post(path + "/extend").then().statusCode(428)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).header("If-Match", "\"7\"").post(path + "/extend").then().statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get(path).then().header("ETag", "\"0\"").body("expiresAt", equalTo(expiresAt));
    }

    @Test
    void ownersCannotExtend_othersDoNotSeeTheLicense_andFinalLicensesStayFinal() {
        TestUser owner = Users.aUser().register();
        Activated license = owner.activated();
        String path = "/api/v1/licenses/" + license.licenseId();
        given().auth().oauth2(owner.accessToken()).header("If-Match", "\"0\"").post(path + "/extend")
                .then().statusCode(403);
        given().auth().oauth2(Users.aUser().register().accessToken()).header("If-Match", "\"0\"").post(path + "/extend")
                .then().statusCode(404);

        String admin = TestUser.admin().accessToken();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "revoked")).patch(path).then().statusCode(200);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").post(path + "/extend").then().statusCode(409)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-transition"));
    }
}
