package io.hybridlicense.webhooks.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.webhooks.Receiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's webhook pages over real HTTP, as a browser posts its forms (CSRF token, session cookie). */
@QuarkusTest
class WebhookConsoleTest {

    private static final Pattern ENDPOINT_LINK = Pattern.compile("href=\"/console/me/webhooks/([0-9a-f-]{36})\"");

    @Test
    void aUser_addsAnEndpoint_seesTheSecretOnce_sendsATest_redelivers_rotates_disables_andDeletesIt() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Users.TestUser user = Users.aUser().register();
            Visitor session = Visitor.arrive().signedIn(user.email(), user.password());

            Response added = post(session, "/console/me/webhooks", "url", receiver.url("/console"),
                    "events", "license.activated", "description", "from the console");
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(added.asString()).contains("id=\"secret\">whsec_");
            Matcher link = ENDPOINT_LINK.matcher(added.asString());
            assertThat(link.find()).isTrue();
            String page = "/console/me/webhooks/" + link.group(1);

            String shown = get(session, page).asString();
            assertThat(shown).contains(receiver.url("/console")).doesNotContain("whsec_");
            assertThat(ConsoleSessions.postFormsWithoutToken(shown, session.csrfToken())).isEmpty();

            assertThat(post(session, page + "/test").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/console").size() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(session, page).asString().contains(">delivered<"));
            Matcher delivery = Pattern.compile("data-delivery=\"([0-9a-f-]{36})\"").matcher(get(session, page).asString());
            assertThat(delivery.find()).isTrue();
            assertThat(post(session, page + "/deliveries/" + delivery.group(1) + "/redeliver").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/console").size() == 2);
            assertThat(receiver.at("/console")).extracting(Receiver.Received::id).containsOnly(delivery.group(1));

            assertThat(post(session, page + "/rotate-secret").asString()).contains("id=\"secret\">whsec_");
            assertThat(post(session, page + "/disable").asString()).contains("id=\"enable\"");

            // another user sees nothing of it
            Users.TestUser other = Users.aUser().register();
            Visitor stranger = Visitor.arrive().signedIn(other.email(), other.password());
            assertThat(get(stranger, page).statusCode()).isEqualTo(404);
            assertThat(post(stranger, page + "/delete").statusCode()).isEqualTo(404);
            assertThat(get(stranger, "/console/me/webhooks").asString()).doesNotContain(link.group(1));

            assertThat(post(session, page + "/delete").statusCode()).isEqualTo(303);
            assertThat(get(session, "/console/me/webhooks").asString()).doesNotContain(link.group(1));
        }
    }

    @Test
    void aRefusedAddress_isShownOnThePage_andNothingIsAdded() {
        Users.TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        Response refused = post(session, "/console/me/webhooks", "url", "http://10.9.8.7/hook", "events", "license.activated");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("id=\"add-error\"").contains("hl.webhooks.allowed-hosts");
        assertThat(get(session, "/console/me/webhooks").asString()).contains("No endpoints yet");
    }

    private static Response get(Visitor session, String path) {
        return given().redirects().follow(false).cookies(session.cookies()).get(path);
    }

    private static Response post(Visitor session, String path, String... fields) {
        var request = given().redirects().follow(false).cookies(session.cookies()).formParam("csrf-token", session.csrfToken());
        for (int i = 0; i < fields.length; i += 2) {
            request = request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }
}
