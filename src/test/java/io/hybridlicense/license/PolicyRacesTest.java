package io.hybridlicense.license;

import static io.hybridlicense.license.PolicyFixtures.admin;
import static io.hybridlicense.license.PolicyFixtures.entitlement;
import static io.hybridlicense.license.PolicyFixtures.plan;
import static io.hybridlicense.license.PolicyFixtures.policy;
import static io.hybridlicense.license.PolicyFixtures.terms;
import static io.hybridlicense.license.PolicyFixtures.validate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Policy edits against parallel activations and validations. */
@QuarkusTest
class PolicyRacesTest {

    @Test
    void loweringSeats_againstParallelActivations_neverLeavesMoreLiveLicensesThanTheSeats() throws Exception {
        String admin = admin();
        for (int round = 0; round < 3; round++) {
            UUID policyId = policy(admin, terms(6, null, List.of()));
            TestUser user = Users.aUser().withPlan(plan(admin, policyId)).register();
            user.activated();
            user.activated();
            String etag = PolicyFixtures.etagOf(admin, policyId);

            List<Response> answers = Concurrently.run(5, i -> i == 0
                    ? given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                            .body(terms(3, null, List.of())).put("/api/v1/admin/policies/" + policyId)
                    : user.activate("client-" + UUID.randomUUID()));

            int lowered = answers.get(0).statusCode();
            long live = given().auth().oauth2(user.accessToken()).get("/api/v1/licenses").jsonPath()
                    .getList("status", String.class).stream().filter("active"::equals).count();
            assertThat(lowered).isIn(200, 409);
            if (lowered == 200) {
                assertThat(live).isLessThanOrEqualTo(3);
            } else {
                // refused when more than 3 were live at its lock: the count it names; activations may go on to 6
                int named = Integer.parseInt(answers.get(0).jsonPath().getString("detail").replaceAll(".* has (\\d+) active.*", "$1"));
                assertThat(named).isGreaterThan(3).isLessThanOrEqualTo((int) live);
                assertThat(live).isLessThanOrEqualTo(6);
            }
            answers.subList(1, 5).forEach(activation -> assertThat(activation.statusCode()).isIn(201, 403));
        }
    }

    @Test
    void policyEdits_racingValidations_eachValidationSeesTheOldOrTheNewPolicy_neverAMix() throws Exception {
        String admin = admin();
        List<String> a = List.of(entitlement(admin), entitlement(admin));
        List<String> b = List.of(entitlement(admin), entitlement(admin));
        UUID policyId = policy(admin, terms(2, null, a));
        Activated license = Users.aUser().withPlan(plan(admin, policyId)).register().activated();
        AtomicBoolean editing = new AtomicBoolean(true);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        Concurrently.run(5, i -> {
            if (i == 0) {
                try {
                    for (int edit = 0; edit < 12; edit++) {
                        boolean toB = edit % 2 == 0;
                        Map<String, Object> terms = terms(2, toB ? "P1D" : null, toB ? b : a);
                        PolicyFixtures.update(admin, policyId, terms).then().statusCode(200);
                    }
                } finally {
                    editing.set(false);
                }
                return null;
            }
            while (editing.get()) {
                JsonPath answer = validate(Map.of("token", license.token())).then().statusCode(200).extract().jsonPath();
                List<String> entitlements = answer.getList("entitlements", String.class).stream().sorted().toList();
                seen.add(entitlements + " grace=" + (answer.getString("graceEndsAt") != null));
            }
            return null;
        });

        String old = a.stream().sorted().toList() + " grace=false";
        String fresh = b.stream().sorted().toList() + " grace=true";
        assertThat(seen).isNotEmpty().allMatch(one -> one.equals(old) || one.equals(fresh));
        assertThat(seen).contains(old, fresh);
    }
}
