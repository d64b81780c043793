package io.hybridlicense.license;

import static io.hybridlicense.license.PolicyFixtures.admin;
import static io.hybridlicense.license.PolicyFixtures.entitlement;
import static io.hybridlicense.license.PolicyFixtures.plan;
import static io.hybridlicense.license.PolicyFixtures.policy;
import static io.hybridlicense.license.PolicyFixtures.terms;
import static io.hybridlicense.license.PolicyFixtures.update;
import static io.hybridlicense.license.PolicyFixtures.validate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.auth.api.SignedTokens;
import io.hybridlicense.license.policy.PolicyCache;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Policies, plans and entitlements over HTTP: what an admin changes is what the next validation applies. */
@QuarkusTest
class PoliciesTest {

    @Inject
    AdminApi audit;
    @Inject
    PolicyCache cache;
    @Inject
    EntityManager entityManager;
    @Inject
    SignedTokens signedTokens;

    @Test
    void entitlements_ofThePolicyAndGrantedToTheLicense_areInTheToken_theLicense_andEveryValidation() {
        String admin = admin();
        String pdf = entitlement(admin);
        String sso = entitlement(admin);
        UUID policyId = policy(admin, terms(3, null, List.of(pdf)));
        TestUser user = Users.aUser().withPlan(plan(admin, policyId)).register();
        Activated license = user.activated();

        assertThat(signedTokens.verify(license.token(), LicenseTokens.AUDIENCE).claims().get("entitlements").toString())
                .contains(pdf).doesNotContain(sso);
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId()).then().statusCode(200)
                .body("entitlements", contains(pdf)).body("policyId", equalTo(policyId.toString()));
        validate(Map.of("token", license.token(), "requireEntitlements", List.of(pdf))).then().statusCode(200)
                .body("valid", equalTo(true)).body("code", equalTo("VALID")).body("entitlements", contains(pdf))
                .body("missing", nullValue());
        validate(Map.of("token", license.token(), "requireEntitlements", List.of(pdf, sso, "no-such-code"))).then()
                .statusCode(200).body("valid", equalTo(false)).body("code", equalTo("ENTITLEMENTS_MISSING"))
                .body("missing", contains(sso, "no-such-code"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("entitlements", List.of(sso)))
                .put("/api/v1/admin/licenses/" + license.licenseId() + "/entitlements").then().statusCode(200)
                .body("granted", contains(sso)).body("entitlements", containsInAnyOrder(pdf, sso));
        validate(Map.of("token", license.token(), "requireEntitlements", List.of(pdf, sso))).then()
                .body("code", equalTo("VALID"));

        // removed from the policy: the next validation lacks it, with no license rewritten
        update(admin, policyId, terms(3, null, List.of())).then().statusCode(200);
        validate(Map.of("token", license.token(), "requireEntitlements", List.of(pdf))).then()
                .body("code", equalTo("ENTITLEMENTS_MISSING")).body("missing", contains(pdf)).body("entitlements", contains(sso));
        assertThat(audit.auditTrailOf("license", license.licenseId().toString())).extracting(AuditEntryView::action)
                .contains("LICENSE_ENTITLEMENTS_GRANTED");
    }

    @Test
    void aPolicy_isVersioned_428WithoutIfMatch_412WhenStale_andEveryChangeIsAudited() {
        String admin = admin();
        UUID policyId = policy(admin, terms(2, null, List.of()));
        String path = "/api/v1/admin/policies/" + policyId;
        given().auth().oauth2(admin).get(path).then().statusCode(200).header("ETag", "\"0\"")
                .body("seats", equalTo(2)).body("duration", equalTo("P365D")).body("expiryGrace", equalTo("PT0S"))
                .body("offlineTtl", equalTo("P30D")).body("heartbeatInterval", nullValue());

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms(3, null, List.of())).put(path)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(terms(3, "P7D", List.of()))
                .put(path).then().statusCode(200).header("ETag", "\"1\"").body("seats", equalTo(3)).body("expiryGrace", equalTo("P7D"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(terms(4, null, List.of()))
                .put(path).then().statusCode(412).contentType("application/problem+json");

        assertThat(audit.auditTrailOf("policy", policyId.toString())).extracting(AuditEntryView::action)
                .containsExactly("POLICY_CREATED", "POLICY_UPDATED");
    }

    @Test
    void badTerms_are422_withoutEchoingThem_andNonAdmins_get403() {
        String admin = admin();
        Map<String, Object> badDuration = terms(1, null, List.of());
        badDuration.put("duration", "m4rk");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(badDuration).post("/api/v1/admin/policies")
                .then().statusCode(422).contentType("application/problem+json").body(not(containsString("m4rk")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms(1, null, List.of("Not_A_Code")))
                .post("/api/v1/admin/policies").then().statusCode(422).body(not(containsString("Not_A_Code")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms(1, null, List.of("not-in-catalogue")))
                .post("/api/v1/admin/policies").then().statusCode(422)
                .body("type", equalTo("urn:hybrid-license:problem:unknown-entitlement"));
        for (String code : List.of("", "UPPER", "a".repeat(65), "sp ace")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", code))
                    .post("/api/v1/admin/entitlements").then().statusCode(422);
        }
        String user = Users.aUser().register().accessToken();
        given().auth().oauth2(user).get("/api/v1/admin/policies").then().statusCode(403);
        given().auth().oauth2(user).get("/api/v1/admin/plans").then().statusCode(403);
        given().get("/api/v1/admin/policies").then().statusCode(401);
    }

    @Test
    void loweringSeatsBelowTheLiveCount_is409NamingIt_andAPolicyInUse_cannotBeDeleted() {
        String admin = admin();
        UUID policyId = policy(admin, terms(5, null, List.of()));
        String plan = plan(admin, policyId);
        TestUser user = Users.aUser().withPlan(plan).register();
        user.activated();
        user.activated();
        user.activated();

        update(admin, policyId, terms(2, null, List.of())).then().statusCode(409)
                .body("type", equalTo("urn:hybrid-license:problem:seats-below-live-count"))
                .body("detail", containsString("3 active license(s)"));
        update(admin, policyId, terms(3, null, List.of())).then().statusCode(200).body("seats", equalTo(3))
                .body("plans", contains(plan)).body("liveLicenses", equalTo(3));
        assertThat(user.activate("client-" + UUID.randomUUID()).statusCode()).isEqualTo(403);

        given().auth().oauth2(admin).header("If-Match", PolicyFixtures.etagOf(admin, policyId))
                .delete("/api/v1/admin/policies/" + policyId).then().statusCode(409)
                .body("type", equalTo("urn:hybrid-license:problem:policy-in-use"));
        given().auth().oauth2(admin).header("If-Match", "\"0\"").delete("/api/v1/admin/plans/" + plan).then().statusCode(409);

        UUID unused = policy(admin, terms(1, null, List.of()));
        given().auth().oauth2(admin).header("If-Match", "\"0\"").delete("/api/v1/admin/policies/" + unused).then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/admin/policies/" + unused).then().statusCode(404);
    }

    @Test
    void plans_areRows_anAdminMovesAUserToAnyPlan_andSelfRegistrationGetsTheDefault() {
        String admin = admin();
        String plan = plan(admin, policy(admin, terms(2, null, List.of())));
        given().auth().oauth2(admin).get("/api/v1/admin/plans").then().statusCode(200)
                .body("code", hasItem("free")).body("find { it.code == 'free' }.isDefault", equalTo(true));
        TestUser user = Users.aUser().withPlan(plan).register();
        given().auth().oauth2(user.accessToken()).get("/api/v1/auth/me").then().body("plan", equalTo(plan));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("plan", "no-such-plan"))
                .post("/api/v1/admin/users/" + user.userId() + "/plan").then().statusCode(400);

        String etag = given().auth().oauth2(admin).get("/api/v1/admin/plans/" + plan).then().statusCode(200).extract().header("ETag");
        String freeEtag = given().auth().oauth2(admin).get("/api/v1/admin/plans/free").then().extract().header("ETag");
        UUID freePolicy = UUID.fromString(given().auth().oauth2(admin).get("/api/v1/admin/plans/free").path("policyId"));
        UUID planPolicy = UUID.fromString(given().auth().oauth2(admin).get("/api/v1/admin/plans/" + plan).path("policyId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("policyId", planPolicy.toString(), "isDefault", true))
                .put("/api/v1/admin/plans/" + plan).then().statusCode(200).body("isDefault", equalTo(true));
        try {
            TestUser signedUp = Users.aUser().register();
            given().auth().oauth2(signedUp.accessToken()).get("/api/v1/subscriptions/me").then().body("plan", equalTo(plan));
        } finally {
            String now = given().auth().oauth2(admin).get("/api/v1/admin/plans/free").then().extract().header("ETag");
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", now)
                    .body(Map.of("policyId", freePolicy.toString(), "isDefault", true))
                    .put("/api/v1/admin/plans/free").then().statusCode(200);
        }
        assertThat(freeEtag).isNotNull();
        assertThat(audit.auditTrailOf("plan", plan)).extracting(AuditEntryView::action).containsExactly("PLAN_CREATED", "PLAN_UPDATED");
    }

    @Test
    void expiryGrace_isValidInGrace_untilGraceEndsAt_thenExpired_andAnExtensionInGrace_countsFromTheOldExpiry() {
        String admin = admin();
        UUID policyId = policy(admin, terms(2, "PT1H", List.of()));
        TestUser user = Users.aUser().withPlan(plan(admin, policyId)).register();
        Activated license = user.activated();
        Instant expired = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        setExpiry(license.licenseId(), expired);

        validate(Map.of("token", license.token())).then().statusCode(200)
                .body("valid", equalTo(true)).body("code", equalTo("VALID_IN_GRACE"))
                .body("graceEndsAt", equalTo(expired.plusSeconds(3600).toString()));

        String etag = given().auth().oauth2(admin).get("/api/v1/licenses/" + license.licenseId()).header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).post("/api/v1/licenses/" + license.licenseId() + "/extend")
                .then().statusCode(200).body("expiresAt", equalTo(expired.plus(java.time.Duration.ofDays(365)).toString()));

        setExpiry(license.licenseId(), Instant.now().minusSeconds(7200));
        validate(Map.of("token", license.token())).then().body("valid", equalTo(false)).body("code", equalTo("EXPIRED"));
    }

    @Test
    void aPolicyChangedByAnotherPath_isSeenByTheNextValidation_andValidationsReadNoPolicyMeanwhile() {
        String admin = admin();
        UUID policyId = policy(admin, terms(2, null, List.of()));
        Activated license = Users.aUser().withPlan(plan(admin, policyId)).register().activated();
        validate(Map.of("token", license.token())).then().body("code", equalTo("VALID"));
        long reads = cache.reads();
        for (int i = 0; i < 20; i++) {
            validate(Map.of("token", license.token())).then().body("code", equalTo("VALID"));
        }
        assertThat(cache.reads()).isEqualTo(reads);

        // as another instance (or an operator) would: SQL and its notice, not this instance's API
        String feature = entitlement(admin);
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("INSERT INTO license.policy_entitlements (policy_id, code) VALUES (:id, :code)")
                    .setParameter("id", policyId).setParameter("code", feature).executeUpdate();
            entityManager.createNativeQuery("UPDATE license.policies SET version = version + 1 WHERE id = :id")
                    .setParameter("id", policyId).executeUpdate();
            entityManager.createNativeQuery("SELECT pg_notify('hl_license_policies', :id)")
                    .setParameter("id", policyId.toString()).getSingleResult();
        });
        validate(Map.of("token", license.token(), "requireEntitlements", List.of(feature))).then()
                .body("code", equalTo("VALID")).body("entitlements", contains(feature));
    }

    @Test
    void theConsole_listsPolicies_withWhatUsesThem_editsOneAtTheVersionShown_andMovesAUserToAPlan() {
        String admin = admin();
        UUID policyId = policy(admin, terms(4, null, List.of()));
        String plan = plan(admin, policyId);
        Visitor console = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        String list = given().cookies(console.cookies()).get("/console/admin/policies").then().statusCode(200).extract().asString();
        assertThat(list).contains("/console/admin/policies/" + policyId).contains(plan);
        String page = given().cookies(console.cookies()).get("/console/admin/policies/" + policyId).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("name=\"version\" value=\"0\"");
        assertThat(ConsoleSessions.postFormsWithoutToken(page, console.csrfToken())).isEmpty();

        given().cookies(console.cookies()).formParam("csrf-token", console.csrfToken()).formParam("version", "0")
                .formParam("name", "Console " + plan).formParam("seats", "6").formParam("duration", "P30D")
                .formParam("expiryGrace", "P2D").formParam("offlineTtl", "P7D").formParam("entitlements", "")
                .post("/console/admin/policies/" + policyId).then().statusCode(200).body(containsString("Saved"));
        given().auth().oauth2(admin).get("/api/v1/admin/policies/" + policyId).then().body("seats", equalTo(6))
                .body("duration", equalTo("P30D")).body("expiryGrace", equalTo("P2D")).body("version", equalTo(1));
        given().cookies(console.cookies()).formParam("csrf-token", console.csrfToken()).formParam("version", "0")
                .formParam("name", "Stale " + plan).formParam("seats", "1").formParam("duration", "P30D")
                .post("/console/admin/policies/" + policyId).then().statusCode(412)
                .body(containsString("changed by someone else"));

        TestUser user = Users.aUser().register();
        assertThat(given().cookies(console.cookies()).get("/console/admin/users/" + user.userId()).then().statusCode(200)
                .extract().asString()).contains("action=\"/console/admin/users/" + user.userId() + "/plan\"");
        given().cookies(console.cookies()).redirects().follow(false).formParam("csrf-token", console.csrfToken())
                .formParam("plan", plan).post("/console/admin/users/" + user.userId() + "/plan").then().statusCode(303);
        given().auth().oauth2(user.accessToken()).get("/api/v1/subscriptions/me").then().body("plan", equalTo(plan));
        given().cookies(console.cookies()).formParam("csrf-token", console.csrfToken()).formParam("plan", "no-such-plan")
                .post("/console/admin/users/" + user.userId() + "/plan").then().statusCode(400)
                .body(containsString("Not changed"));
    }

    @Test
    void theOpenApiDocument_hasEveryNewEndpoint_withItsErrors() {
        io.restassured.path.json.JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String path : List.of("/api/v1/admin/policies", "/api/v1/admin/policies/{id}", "/api/v1/admin/plans",
                "/api/v1/admin/plans/{code}", "/api/v1/admin/entitlements", "/api/v1/admin/entitlements/{code}",
                "/api/v1/admin/licenses/{id}/entitlements")) {
            assertThat(doc.getMap("paths").keySet()).as(path).contains(path);
        }
        assertThat(doc.getMap("paths.'/api/v1/admin/policies/{id}'.put.responses").keySet())
                .contains("200", "401", "403", "404", "409", "412", "422", "428");
        assertThat(doc.getMap("paths.'/api/v1/admin/plans/{code}'.delete.responses").keySet()).contains("204", "409", "412", "428");
    }

    private void setExpiry(UUID licenseId, Instant expiresAt) {
        QuarkusTransaction.requiringNew().run(() -> LicenseEntity.update("expiresAt = ?1 where id = ?2", expiresAt, licenseId));
    }
}
