package io.hybridlicense.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies a received webhook with an implementation other than ours: the {@code standardwebhooks} npm
 * package (1.3.0) under Node, installed once into {@code target/standardwebhooks} with npm. Without Node
 * or npm the tests fail and say so.
 */
public final class StandardWebhooksVerifier {

    private static final Path HOME = Path.of("target", "standardwebhooks").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardWebhooksVerifier() {
    }

    /** "ok", or "fail: why". */
    public static String verify(String secret, Receiver.Received request) throws IOException, InterruptedException {
        install();
        Map<String, String> headers = Map.of("webhook-id", request.headers().get("webhook-id"),
                "webhook-timestamp", request.headers().get("webhook-timestamp"),
                "webhook-signature", request.headers().get("webhook-signature"));
        Process node = new ProcessBuilder("node", HOME.resolve("verify.js").toString()).directory(HOME.toFile())
                .redirectErrorStream(true).start();
        node.getOutputStream().write(JSON.writeValueAsBytes(Map.of("secret", secret, "headers", headers, "body", request.body())));
        node.getOutputStream().close();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not answer");
        }
        return out;
    }

    private static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        try (var script = StandardWebhooksVerifier.class.getResourceAsStream("/webhooks/verify.js")) {
            Files.write(HOME.resolve("verify.js"), script.readAllBytes());
        }
        if (Files.isDirectory(HOME.resolve("node_modules/standardwebhooks"))) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                    "standardwebhooks@1.3.0")).redirectErrorStream(true).start();
        } catch (IOException noNpm) {
            throw new AssertionError("The signature tests need Node and npm (the standardwebhooks package verifies "
                    + "independently): apt-get install -y nodejs npm", noNpm);
        }
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new AssertionError("npm install standardwebhooks@1.3.0 failed: " + out);
        }
    }
}
