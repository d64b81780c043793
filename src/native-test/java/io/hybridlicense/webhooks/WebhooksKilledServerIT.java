package io.hybridlicense.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two processes of the packaged app on one PostgreSQL deliver webhooks to a receiver on loopback while
 * events are committed through both; one is killed with {@code kill -9} mid-run. Every event committed is
 * delivered at least once, within the lease and a margin after the kill; a repeat carries the same
 * {@code webhook-id}. Both servers run with the webhook settings below (the ITs' app under test is not used:
 * with production's address policy it would claim deliveries to loopback and fail them).
 */
class WebhooksKilledServerIT {

    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Pattern USER_ID = Pattern.compile("\"userId\":\"([0-9a-f-]{36})\"");

    private static PackagedAppEnvironment environment;
    private static SecondServer survivor;
    private static SecondServer victim;
    private static Receiver receiver;

    @BeforeAll
    static void start() throws Exception {
        environment = new PackagedAppEnvironment();
        environment.start();
        Map<String, String> config = new HashMap<>(PackagedAppEnvironment.appConfig());
        config.put("hl.webhooks.allowed-hosts", "loopback");
        config.put("hl.webhooks.allow-http", "true");
        config.put("hl.webhooks.lease", LEASE.toSeconds() + "s");
        config.put("hl.webhooks.timeout", "2s");
        config.put("hl.webhooks.poll-interval", "500ms");
        config.put("hl.webhooks.retry-base-delay", "200ms");
        config.put("hl.webhooks.retry-max-delay", "1s");
        // many registrations from one address, cheaply hashed: the events, not the passwords, are under test
        config.put("hl.auth.rate-limit.registrations", "100000");
        config.put("hl.auth.password.memory-kib", "4096");
        config.put("hl.auth.password.iterations", "2");
        survivor = SecondServer.start("webhooks-survivor", config, Map.of());
        victim = SecondServer.start("webhooks-victim", config, Map.of());
        receiver = new Receiver();
        // a little slow, so that the killed server has deliveries in flight
        receiver.answer("/killed", n -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {receiver, survivor, victim}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (environment != null) {
            environment.stop();
        }
    }

    @Test
    void aServerKilledMidRun_losesNoCommittedEvent() throws Exception {
        String admin = given().port(survivor.port()).contentType(ContentType.JSON)
                .body(Map.of("email", PackagedAppEnvironment.ADMIN_EMAIL, "password", PackagedAppEnvironment.adminPassword()))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().port(survivor.port()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/killed"), "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(201);

        Set<String> committed = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        int perClient = 75;
        for (int c = 0; c < 4; c++) {
            int port = c % 2 == 0 ? survivor.port() : victim.port();
            running.add(clients.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    register(port).ifPresent(committed::add);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> committed.size() >= 150);
        long killedAt = System.nanoTime();
        victim.kill();
        for (Future<?> client : running) {
            client.get(300, TimeUnit.SECONDS);
        }
        clients.shutdown();
        int lastCommitted = committed.size();

        await().atMost(LEASE.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deliveredUsers().keySet().containsAll(committed));
        long deliveredAllAfterKillMs = (System.nanoTime() - killedAt) / 1_000_000;

        Map<String, Set<String>> ids = deliveredUsers();
        assertThat(ids.keySet()).containsAll(committed);
        assertThat(ids.values()).as("a repeat carries the same webhook-id").allMatch(set -> set.size() == 1);
        long repeats = receiver.at("/killed").size() - ids.size();
        System.out.printf("WebhooksKilledServerIT: %d events committed (%d before the kill), %d requests received, "
                        + "%d repeats, all delivered %d ms after the kill (lease %d s)%n", lastCommitted, 150,
                receiver.at("/killed").size(), repeats, deliveredAllAfterKillMs, LEASE.toSeconds());
    }

    /** The registered user's id when the server answered 201 (committed); empty when it did not answer. */
    private static java.util.Optional<String> register(int port) {
        try {
            Response answer = given().port(port).contentType(ContentType.JSON)
                    .body(Map.of("email", "killed-" + UUID.randomUUID() + "@example.test", "password", "packaged app password"))
                    .post("/api/v1/auth/register");
            if (answer.statusCode() == 201) {
                return java.util.Optional.of(answer.path("userId").toString());
            }
            return java.util.Optional.empty();
        } catch (Exception refused) { // rest-assured throws the client's IOException unchecked
            return java.util.Optional.empty(); // the killed server: not committed, or committed and delivered as any other
        }
    }

    /** For each user whose registration arrived, the webhook-ids it arrived with. */
    private static Map<String, Set<String>> deliveredUsers() {
        return receiver.at("/killed").stream().collect(Collectors.groupingBy(r -> {
            Matcher m = USER_ID.matcher(r.body());
            return m.find() ? m.group(1) : "?";
        }, Collectors.mapping(Receiver.Received::id, Collectors.toSet())));
    }
}
