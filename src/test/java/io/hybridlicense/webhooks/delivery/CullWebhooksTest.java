package io.hybridlicense.webhooks.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.MachineCulled;
import io.hybridlicense.license.api.MachinesCulled;
import io.hybridlicense.shared.Jdbc;
import io.hybridlicense.testing.Users;
import io.hybridlicense.webhooks.Receiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch of the heartbeat cull is written to the outbox in one statement: one {@code license.culled} per
 * machine and subscribed endpoint, each owner's endpoints hearing only their own machines.
 */
@QuarkusTest
class CullWebhooksTest {

    @Inject
    Event<MachinesCulled> culled;
    @Inject
    Jdbc jdbc;

    @Test
    void aCullBatch_isOneDeliveryPerMachine_toTheOwnersEndpointOnly_inTheBatchsOrder() throws Exception {
        String admin = Users.TestUser.admin().accessToken();
        Users.TestUser owner = Users.aUser().register();
        UUID other = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            String endpoint = given().auth().oauth2(owner.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url("/culled"), "events", List.of("license.culled"))).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("id");
            Instant now = Instant.now();
            List<MachineCulled> batch = List.of(machine(owner.userId(), now), machine(other, now),
                    machine(owner.userId(), now), machine(owner.userId(), now));

            QuarkusTransaction.requiringNew().run(() -> culled.fire(new MachinesCulled(batch)));

            List<UUID> owners = batch.stream().filter(m -> m.userId().equals(owner.userId())).map(MachineCulled::licenseId).toList();
            assertThat(jdbc.one("SELECT count(*) FROM webhooks.delivery WHERE endpoint_id = ?::uuid", row -> row.getLong(1), endpoint)
                    .orElseThrow()).as("one row per machine of the owner: the other owner's is not this endpoint's")
                    .isEqualTo(owners.size());
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/culled").size() >= owners.size());
            List<Receiver.Received> received = receiver.at("/culled");
            assertThat(received).hasSize(owners.size());
            assertThat(received).allSatisfy(r -> assertThat(r.body()).contains("\"type\":\"license.culled\"")
                    .contains("\"userId\":\"" + owner.userId() + "\""));
            assertThat(received.stream().map(r -> owners.stream().filter(id -> r.body().contains(id.toString())).findFirst().orElseThrow()))
                    .as("in the batch's order (one ordered stream per endpoint)").containsExactlyElementsOf(owners);
            given().auth().oauth2(admin).delete("/api/v1/admin/webhooks/" + endpoint).then().statusCode(204);
        }
    }

    private static MachineCulled machine(UUID owner, Instant at) {
        return new MachineCulled(UUID.randomUUID(), owner, LicenseStatus.ACTIVE, 2, at);
    }
}
