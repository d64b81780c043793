package io.hybridlicense.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start which database is in use, and refuses to start without a readable token
 * verification key: otherwise every request, health included, would fail later with a 500.
 */
@ApplicationScoped
class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    private final HlConfig config;
    private final String jdbcUrl;
    private final Optional<String> verifyKeyLocation;
    private final Optional<String> verifyKeyInline;

    StartupReport(HlConfig config,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                  @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verifyKeyLocation,
                  @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> verifyKeyInline) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.verifyKeyLocation = verifyKeyLocation;
        this.verifyKeyInline = verifyKeyInline;
    }

    void onStart(@Observes StartupEvent event) {
        String where = withoutParameters(jdbcUrl);
        if (config.database().embedded()) {
            LOG.infof("Database: embedded PostgreSQL at %s, data in %s (set QUARKUS_DATASOURCE_JDBC_URL to use "
                    + "an external one)", where, Path.of(config.dataDir()).toAbsolutePath().normalize());
        } else {
            LOG.infof("Database: external PostgreSQL at %s", where);
        }
        requireVerificationKey();
    }

    private void requireVerificationKey() {
        // smallrye-jwt's test tooling passes "NONE" for keys it did not generate
        if (verifyKeyInline.filter(key -> !key.equals("NONE")).isPresent()) {
            return;
        }
        String location = verifyKeyLocation.orElseThrow(() -> new IllegalStateException(
                "No token verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION and SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        if (location.startsWith("file:") && !Files.isReadable(Path.of(URI.create(location)))) {
            throw new IllegalStateException("The token verification key " + location + " is not readable");
        }
    }

    /** JDBC URLs may carry a password as a parameter; never log it. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
