package io.hybridlicense.platform.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the local defaults when nothing else is configured: an embedded PostgreSQL (password
 * logins of an owner role that migrates and a runtime role that serves), a generated token-signing
 * key and a generated license-file (Ed25519) key pair, all kept under {@code HL_DATA_DIR}. Anything set through the
 * environment, system properties or {@code application.properties} wins, which is how production
 * switches to an external PostgreSQL and to its own keys.
 *
 * <p>This class lives outside {@code src/main} so that the native build, which never starts an
 * embedded database, does not contain it.
 */
public final class EmbeddedDefaultsConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String VERIFY_KEY = "mp.jwt.verify.publickey.location";
    static final String SIGN_KEY = "smallrye.jwt.sign.key.location";
    static final String LICENSE_FILE_KEYS = "hl.license-file.keys-location";
    static final String LICENSE_FILE_SIGN_KEY = "hl.license-file.sign-key-location";
    private static final String BUILD_TIME_CONFIG_READER =
            "io.quarkus.deployment.configuration.BuildTimeConfigurationReader";
    /** Test JVMs that read the configuration but do not run the application in themselves. */
    private static final Set<String> TEST_LAUNCHERS = Set.of(
            "io.quarkus.test.config.ConfigLauncherSession",
            "io.quarkus.test.junit.QuarkusIntegrationTestExtension");
    private static final int BELOW_APPLICATION_PROPERTIES = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isCalledFrom(TEST_LAUNCHERS)) {
            return List.of();
        }
        boolean buildTime = isCalledFrom(Set.of(BUILD_TIME_CONFIG_READER));
        Path dataDir = Path.of(valueOr(context, "hl.data-dir", "data")).toAbsolutePath().normalize();
        Map<String, String> defaults = new HashMap<>();
        if (!buildTime && isUnset(context, JDBC_URL)) {
            EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);
            String jdbcUrl = EmbeddedDatabase.startOnce(dataDir.resolve("postgres"), credentials);
            defaults.put(JDBC_URL, jdbcUrl);
            // two roles: the owner migrates, the runtime role serves requests with the grants it is given
            defaults.put("quarkus.flyway.username", credentials.ownerUser());
            defaults.put("quarkus.flyway.password", credentials.ownerPassword());
            defaults.put("quarkus.datasource.username", credentials.runtimeUser());
            defaults.put("quarkus.datasource.password", credentials.runtimePassword());
            defaults.put("hl.database.embedded", "true");
        }
        LocalSigningKeys keys = new LocalSigningKeys(dataDir.resolve("keys"));
        boolean keysUnset = isUnset(context, VERIFY_KEY) && isUnset(context, SIGN_KEY);
        // Dev and test builds record the locations named below; at run time they are then "set".
        boolean keysAreLocal = keys.publicKeyLocation().equals(valueOr(context, VERIFY_KEY, ""));
        if (!buildTime && (keysUnset || keysAreLocal)) {
            keys.createIfMissing();
        }
        boolean devOrTest = context.getProfiles().contains("dev") || context.getProfiles().contains("test");
        if (keysUnset && (!buildTime || devOrTest)) {
            // In dev and test the locations are named at build time as well: smallrye-jwt's build step
            // would otherwise add in-memory keys that win over these files. A production build names
            // nothing, so that no path of the build machine is recorded in the package.
            defaults.put(VERIFY_KEY, keys.publicKeyLocation());
            defaults.put(SIGN_KEY, keys.privateKeyLocation());
        }
        if (!buildTime && isUnset(context, JDBC_URL) && isUnset(context, LICENSE_FILE_KEYS) && isUnset(context, LICENSE_FILE_SIGN_KEY)) {
            // Only for the embedded database, one instance by construction: instances sharing an external
            // database must publish the same keys, so they are given them (or run without license files).
            // Run-time settings only: nothing to name at build time.
            LocalLicenseFileKeys fileKeys = new LocalLicenseFileKeys(dataDir.resolve("keys"));
            fileKeys.createIfMissing();
            defaults.put(LICENSE_FILE_KEYS, fileKeys.publicKeysLocation());
            defaults.put(LICENSE_FILE_SIGN_KEY, fileKeys.privateKeyLocation());
        }
        return List.of(new PropertiesConfigSource(defaults, "hl-embedded-defaults", BELOW_APPLICATION_PROPERTIES));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(BELOW_APPLICATION_PROPERTIES);
    }

    /**
     * The Quarkus build (augmentation) reads configuration through the same factories, and so do test
     * launchers: nothing must be started or written there, only where the application itself runs.
     */
    private static boolean isCalledFrom(Set<String> callers) {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> callers.contains(frame.getClassName())));
    }

    private static boolean isUnset(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
