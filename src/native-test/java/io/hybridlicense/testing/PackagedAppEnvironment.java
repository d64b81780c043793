package io.hybridlicense.testing;

import io.hybridlicense.shared.Ed25519Keys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the packaged application (jar or native binary) runs on in the ITs: an external PostgreSQL and
 * key files, never the app's embedded defaults, which the native binary does not have.
 *
 * <p>A PostgreSQL is started in the test JVM. Unless {@code QUARKUS_DATASOURCE_JDBC_URL} names a core
 * database in the environment (as {@code native-check/build-app.sh} does), the core database lives
 * there too, with an owner role that migrates and a runtime role that serves; either way the test JVM's
 * PostgreSQL holds {@link #TARGET_DATABASE}, a database for schemasync to change. The token keys, the
 * license file keys and the credentials key come from the environment or are generated once into {@code target/it-keys}, so
 * that a second server process ({@link #appConfig()}) signs, verifies and decrypts like the first.
 *
 * <p>The app runs with production settings, the registration limit included (5 per client address per
 * hour, the address being the connection's): the ITs sharing this environment register at most that many
 * users from 127.0.0.1 together; a test that needs more registers from other loopback addresses
 * ({@link LoopbackClient}).
 */
public final class PackagedAppEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET_DATABASE = "hl_it_target";
    private static final String OWNER = "hl_it_owner";
    private static final String RUNTIME = "hl_it_runtime";
    private static final String CORE_DATABASE = "hl_it";
    private static final Path KEYS = Path.of("target/it-keys");
    /** Read back by the ITs through JVM-wide system properties: test resources and tests may not share a class loader. */
    private static final String APP_PREFIX = "hl-it.app.";
    private static final String TARGET_PORT = "hl-it.target.port";
    private static final String TARGET_PASSWORD = "hl-it.target.owner-password";
    /** The first admin the packaged app creates at start, as an automated deployment does (HL_ADMIN_EMAIL). */
    public static final String ADMIN_EMAIL = "it-admin@example.test";
    private static final String ADMIN_PASSWORD = "hl.auth.first-admin.password";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        String ownerPassword = randomSecret();
        try {
            postgres = EmbeddedPostgres.builder().start();
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + ownerPassword + "'");
                sql.execute("CREATE DATABASE " + TARGET_DATABASE + " OWNER " + OWNER);
                Map<String, String> config = new LinkedHashMap<>();
                config.putAll(System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null ? databaseFromEnvironment()
                        : coreDatabaseHere(sql, ownerPassword));
                config.putAll(keys());
                config.put("hl.auth.first-admin.email", ADMIN_EMAIL);
                // one password for the whole run: ITs that start their own environment on the shared external
                // database (native-check) find the first admin that the first app under test created
                config.put(ADMIN_PASSWORD, adminPassword() != null ? adminPassword() : randomSecret());
                config.forEach((name, value) -> System.setProperty(APP_PREFIX + name, value));
                System.setProperty(TARGET_PORT, Integer.toString(postgres.getPort()));
                System.setProperty(TARGET_PASSWORD, ownerPassword);
                return config;
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the ITs' PostgreSQL", e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The configuration the packaged app under test was given; a second server process needs the same. */
    public static Map<String, String> appConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(APP_PREFIX))
                .forEach(name -> config.put(name.substring(APP_PREFIX.length()), System.getProperty(name)));
        return config;
    }

    /** The JDBC URL of {@link #TARGET_DATABASE} in the test JVM's PostgreSQL. */
    public static String targetJdbcUrl() {
        return "jdbc:postgresql://localhost:" + targetPort() + "/" + TARGET_DATABASE;
    }

    public static String adminPassword() {
        return System.getProperty(APP_PREFIX + ADMIN_PASSWORD);
    }

    public static int targetPort() {
        return Integer.parseInt(System.getProperty(TARGET_PORT));
    }

    public static String targetUser() {
        return OWNER;
    }

    public static String targetPassword() {
        return System.getProperty(TARGET_PASSWORD);
    }

    private Map<String, String> coreDatabaseHere(Statement sql, String ownerPassword) throws SQLException {
        String runtimePassword = randomSecret();
        sql.execute("CREATE ROLE " + RUNTIME + " LOGIN PASSWORD '" + runtimePassword + "'");
        sql.execute("CREATE DATABASE " + CORE_DATABASE + " OWNER " + OWNER);
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + CORE_DATABASE,
                "quarkus.datasource.username", RUNTIME,
                "quarkus.datasource.password", runtimePassword,
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", ownerPassword);
    }

    private static Map<String, String> databaseFromEnvironment() {
        Map<String, String> config = new LinkedHashMap<>();
        copyFromEnvironment(config, "quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        copyFromEnvironment(config, "quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME");
        copyFromEnvironment(config, "quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD");
        copyFromEnvironment(config, "quarkus.flyway.username", "QUARKUS_FLYWAY_USERNAME");
        copyFromEnvironment(config, "quarkus.flyway.password", "QUARKUS_FLYWAY_PASSWORD");
        return config;
    }

    /**
     * The token keys and the credentials key the packaged app is given (from the environment, or
     * generated once into {@code target/it-keys}), as configuration properties.
     */
    public static Map<String, String> keys() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        if (System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION") != null) {
            copyFromEnvironment(config, "mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            copyFromEnvironment(config, "smallrye.jwt.sign.key.location", "SMALLRYE_JWT_SIGN_KEY_LOCATION");
            copyFromEnvironment(config, "hl.schemasync.credentials-key", "HL_SCHEMASYNC_CREDENTIALS_KEY");
            config.putAll(licenseFileKeys());
            return config;
        }
        Path publicKey = KEYS.resolve("public.pem").toAbsolutePath();
        Path privateKey = KEYS.resolve("private.pem").toAbsolutePath();
        Path credentialsKey = KEYS.resolve("credentials.key");
        if (!Files.exists(credentialsKey)) {
            Files.createDirectories(KEYS);
            KeyPair pair = rsaKeyPair();
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(credentialsKey, randomKey(), StandardCharsets.US_ASCII);
        }
        config.put("mp.jwt.verify.publickey.location", publicKey.toString());
        config.put("smallrye.jwt.sign.key.location", privateKey.toString());
        config.put("hl.schemasync.credentials-key", Files.readString(credentialsKey, StandardCharsets.US_ASCII).strip());
        config.putAll(licenseFileKeys());
        return config;
    }

    /** The license file keys (Ed25519 pair and secrets key): from the environment, or generated once into {@code target/it-keys}. */
    private static Map<String, String> licenseFileKeys() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        if (System.getenv("HL_LICENSE_FILE_KEYS_LOCATION") != null) {
            copyFromEnvironment(config, "hl.license-file.keys-location", "HL_LICENSE_FILE_KEYS_LOCATION");
            copyFromEnvironment(config, "hl.license-file.sign-key-location", "HL_LICENSE_FILE_SIGN_KEY_LOCATION");
            copyFromEnvironment(config, "hl.license-file.secrets-key", "HL_LICENSE_FILE_SECRETS_KEY");
            return config;
        }
        Path published = KEYS.resolve("license-file-keys.json").toAbsolutePath();
        Path signing = KEYS.resolve("license-file-sign-key.pem").toAbsolutePath();
        Path secretsKey = KEYS.resolve("license-file-secrets.key");
        if (!Files.exists(secretsKey)) {
            Files.createDirectories(KEYS);
            try {
                KeyPair pair = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM).generateKeyPair();
                Files.writeString(published, Ed25519Keys.jwks(List.of(pair.getPublic())), StandardCharsets.US_ASCII);
                Files.writeString(signing, Ed25519Keys.pem(pair.getPrivate()), StandardCharsets.US_ASCII);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Files.writeString(secretsKey, randomKey(), StandardCharsets.US_ASCII);
        }
        config.put("hl.license-file.keys-location", published.toString());
        config.put("hl.license-file.sign-key-location", signing.toString());
        config.put("hl.license-file.secrets-key", Files.readString(secretsKey, StandardCharsets.US_ASCII).strip());
        return config;
    }

    private static void copyFromEnvironment(Map<String, String> config, String property, String variable) {
        String value = System.getenv(variable);
        if (value != null) {
            config.put(property, value);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The AES-256 key format of {@code hl.schemasync.credentials-key}: Base64 of 32 bytes. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** URL-safe Base64 without padding: nothing in it needs quoting in SQL. */
    private static String randomSecret() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
