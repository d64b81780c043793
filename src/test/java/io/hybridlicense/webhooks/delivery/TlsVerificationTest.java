package io.hybridlicense.webhooks.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * HTTPS endpoints are verified: a receiver whose certificate the JVM does not trust (self-signed, made
 * here with keytool) gets nothing, and the delivery records a TLS failure.
 */
@QuarkusTest
class TlsVerificationTest {

    @Test
    void anUntrustedCertificate_isRefused_andNothingIsSent() throws Exception {
        Path store = Path.of("target", "webhook-tls-" + System.nanoTime() + ".p12").toAbsolutePath();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "hook", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        AtomicInteger received = new AtomicInteger();
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        String admin = Users.TestUser.admin().accessToken();
        String id = null;
        try {
            id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://127.0.0.1:" + server.getAddress().getPort() + "/tls", "events", List.of("user.registered")))
                    .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
            String path = "/api/v1/admin/webhooks/" + id;
            given().auth().oauth2(admin).post(path + "/test").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<String> errors = given().auth().oauth2(admin).get(path + "/deliveries").then().extract().path("lastError");
                return errors.stream().anyMatch(e -> e != null && e.startsWith("TLS failed"));
            });
            assertThat(received.get()).isZero();
        } finally {
            if (id != null) {
                given().auth().oauth2(admin).delete("/api/v1/admin/webhooks/" + id);
            }
            server.stop(0);
            Files.deleteIfExists(store);
        }
    }
}
