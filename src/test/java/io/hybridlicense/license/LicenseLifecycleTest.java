package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.license.validation.ValidationTest;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LicenseLifecycleTest {

    @Inject
    AdminApi audit;

    @Test
    void list_showsTheCallersLicenses_activeFirst_newestFirst() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated oldest = user.activated();
        Activated middle = user.activated();
        Activated newest = user.activated();
        given().auth().oauth2(user.accessToken()).post("/api/v1/licenses/" + newest.licenseId() + "/deactivate")
                .then().statusCode(200);
        Users.aUser().register().activated();

        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses")
                .then().statusCode(200)
                .body("licenseId", equalTo(List.of(middle.licenseId().toString(), oldest.licenseId().toString(),
                        newest.licenseId().toString())))
                .body("status", equalTo(List.of("active", "active", "deactivated")));
    }

    @Test
    void get_returnsTheLicenseWithItsVersionAsETag() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();

        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("licenseId", equalTo(license.licenseId().toString()))
                .body("clientId", equalTo(license.clientId()))
                .body("version", equalTo(0));
    }

    @Test
    void anotherUsersLicense_is404_forReadingChangingAndDeactivating() {
        Activated theirs = Users.aUser().register().activated();
        String mine = Users.aUser().register().accessToken();

        given().auth().oauth2(mine).get("/api/v1/licenses/" + theirs.licenseId())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(mine).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "revoked")).patch("/api/v1/licenses/" + theirs.licenseId())
                .then().statusCode(404);
        given().auth().oauth2(mine).post("/api/v1/licenses/" + theirs.licenseId() + "/deactivate")
                .then().statusCode(404);
        given().auth().oauth2(mine).get("/api/v1/licenses/not-a-uuid").then().statusCode(404);
    }

    @Test
    void patch_needsIfMatch_refusesAStaleVersion_andReturnsTheNewETag() {
        Activated license = Users.aUser().register().activated();
        String admin = TestUser.admin().accessToken();
        String path = "/api/v1/licenses/" + license.licenseId();

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("status", "suspended")).patch(path)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch(path)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("suspended"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "active")).patch(path)
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("status", "active")).patch(path)
                .then().statusCode(412);

        given().auth().oauth2(admin).get(path).then().body("status", equalTo("suspended")).header("ETag", "\"1\"");
        assertThat(audit.auditTrailOf("license", license.licenseId().toString())).extracting(AuditEntryView::action)
                .containsExactly("LICENSE_CREATED", "LICENSE_SUSPENDED");
    }

    @Test
    void revocationIsFinal_andOwnersCannotPatch() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        String admin = TestUser.admin().accessToken();
        String path = "/api/v1/licenses/" + license.licenseId();

        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch(path)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "revoked")).patch(path).then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "active")).patch(path)
                .then().statusCode(409).body("type", equalTo("urn:hybrid-license:problem:invalid-transition"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "expired")).patch(path)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void deactivation_freesTheSeat_andIsAudited() {
        TestUser user = Users.aUser().register();
        Activated first = user.activated();
        user.activate("machine-" + UUID.randomUUID()).then().statusCode(403);

        given().auth().oauth2(user.accessToken()).post("/api/v1/licenses/" + first.licenseId() + "/deactivate")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("deactivated"));

        user.activated();
        user.activate(first.clientId()).then().statusCode(403);
        assertThat(audit.auditTrailOf("license", first.licenseId().toString())).extracting(AuditEntryView::action)
                .containsExactly("LICENSE_CREATED", "LICENSE_DEACTIVATED");
    }

    @Test
    void batch_changesEverything_inOneGo() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated one = user.activated();
        Activated two = user.activated();

        given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", one.licenseId(), "status", "suspended", "expectedVersion", 0),
                        Map.of("licenseId", two.licenseId(), "status", "revoked")))
                .post("/api/v1/admin/licenses/status-batch")
                .then().statusCode(200)
                .body("licenseId", equalTo(List.of(one.licenseId().toString(), two.licenseId().toString())))
                .body("status", equalTo(List.of("suspended", "revoked")))
                .body("version", equalTo(List.of(1, 1)));
    }

    @Test
    void batch_withOneStaleItem_changesNothing_andNamesTheItem() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated one = user.activated();
        Activated two = user.activated();

        given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", one.licenseId(), "status", "suspended", "expectedVersion", 0),
                        Map.of("licenseId", two.licenseId(), "status", "suspended", "expectedVersion", 7)))
                .post("/api/v1/admin/licenses/status-batch")
                .then().statusCode(412).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1]"))
                .body("detail", org.hamcrest.Matchers.containsString(two.licenseId().toString()));

        assertUnchanged(one, two);
    }

    @Test
    void batch_withAnUnknownLicenseOrRefusedTransition_is409_andChangesNothing() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated one = user.activated();
        Activated two = user.activated();
        String admin = TestUser.admin().accessToken();
        ValidationTest.patch(admin, two.licenseId(), "revoked");

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", one.licenseId(), "status", "suspended"),
                        Map.of("licenseId", UUID.randomUUID(), "status", "suspended")))
                .post("/api/v1/admin/licenses/status-batch")
                .then().statusCode(409).body("errors[0].field", equalTo("[1]"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", one.licenseId(), "status", "suspended"),
                        Map.of("licenseId", two.licenseId(), "status", "active")))
                .post("/api/v1/admin/licenses/status-batch")
                .then().statusCode(409).body("type", equalTo("urn:hybrid-license:problem:batch-item-failed"));

        given().auth().oauth2(admin).get("/api/v1/licenses/" + one.licenseId()).then()
                .body("status", equalTo("active")).header("ETag", "\"0\"");
        assertThat(audit.auditTrailOf("license", one.licenseId().toString())).hasSize(1);
    }

    @Test
    void batch_validatesItsShape_andIsForAdminsOnly() {
        String admin = TestUser.admin().accessToken();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("licenseId", UUID.randomUUID(), "status", "revoked"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(tooMany)
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(List.of())
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", "not-a-uuid", "status", "revoked")))
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(400);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", UUID.randomUUID(), "status", "deleted")))
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(400).body("errors", hasSize(1));
        UUID same = UUID.randomUUID();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", same, "status", "revoked"), Map.of("licenseId", same, "status", "revoked")))
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(400);
        given().auth().oauth2(Users.aUser().register().accessToken()).contentType(ContentType.JSON)
                .body(List.of(Map.of("licenseId", UUID.randomUUID(), "status", "revoked")))
                .post("/api/v1/admin/licenses/status-batch").then().statusCode(403);
    }

    @Test
    void batch_ofAThousand_isAllowed() {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(Map.of("licenseId", Users.aUser().register().activated().licenseId(), "status", "revoked"));
        for (int i = 1; i < 1000; i++) {
            items.add(Map.of("licenseId", UUID.randomUUID(), "status", "revoked"));
        }
        Response response = given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON).body(items)
                .post("/api/v1/admin/licenses/status-batch");

        response.then().statusCode(409).body("errors[0].field", equalTo("[1]"));
    }

    private void assertUnchanged(Activated... licenses) {
        for (Activated license : licenses) {
            LicenseEntity row = QuarkusTransaction.requiringNew().call(() -> LicenseEntity.findById(license.licenseId()));
            assertThat(row.status.wireName()).isEqualTo("active");
            assertThat(row.version).isZero();
            assertThat(audit.auditTrailOf("license", license.licenseId().toString())).hasSize(1);
        }
    }
}
