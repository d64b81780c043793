package io.hybridlicense.platform.embedded;

import io.hybridlicense.shared.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The generated passwords of the embedded PostgreSQL's two roles: the owner, which creates the schema
 * (Flyway), and the runtime role, which serves requests with only the grants the migrations give it.
 * Kept in {@code HL_DATA_DIR/postgres-credentials.properties}, readable by the owner of the process only from
 * its creation, created once (only when there is no such file) and reused on every restart. Never logged.
 */
record EmbeddedCredentials(String ownerUser, String ownerPassword, String runtimeUser, String runtimePassword) {

    static final String FILE = "postgres-credentials.properties";
    /** initdb's bootstrap superuser: owner of everything an older (trust-auth) data directory holds. */
    static final String OWNER = "postgres";
    static final String RUNTIME = "hybrid_license";
    private static final SecureRandom RANDOM = new SecureRandom();

    static EmbeddedCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        synchronized (EmbeddedCredentials.class) {
            try {
                Optional<byte[]> stored = PrivateFiles.readIfExists(file);
                if (stored.isPresent()) {
                    return read(file, stored.get());
                }
                if (EmbeddedDatabase.passwordAuthConfigured(dataDir.resolve("postgres"))) {
                    throw new IllegalStateException("The embedded PostgreSQL in " + dataDir.resolve("postgres")
                            + " demands passwords, but " + file + " that holds them is gone: restore it, or remove "
                            + "the postgres directory to start with an empty database");
                }
                EmbeddedCredentials created = new EmbeddedCredentials(OWNER, generate(), RUNTIME, generate());
                write(file, created);
                return created;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not keep the embedded database's passwords in " + file, e);
            }
        }
    }

    /** 32 random bytes, URL-safe Base64: no character needs quoting in SQL or in a properties file. */
    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static EmbeddedCredentials read(Path file, byte[] content) throws IOException {
        Properties values = new Properties();
        values.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        EmbeddedCredentials credentials = new EmbeddedCredentials(values.getProperty("owner.user", OWNER),
                values.getProperty("owner.password"), values.getProperty("runtime.user", RUNTIME),
                values.getProperty("runtime.password"));
        if (!safe(credentials.ownerPassword()) || !safe(credentials.runtimePassword())) {
            throw new IllegalStateException(file + " is damaged: delete it only together with the postgres directory");
        }
        return credentials;
    }

    private static void write(Path file, EmbeddedCredentials credentials) throws IOException {
        Properties values = new Properties();
        values.setProperty("owner.user", credentials.ownerUser());
        values.setProperty("owner.password", credentials.ownerPassword());
        values.setProperty("runtime.user", credentials.runtimeUser());
        values.setProperty("runtime.password", credentials.runtimePassword());
        StringWriter text = new StringWriter();
        values.store(text, "Generated passwords of the embedded PostgreSQL (owner: migrations, runtime: requests)");
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean safe(String password) {
        return password != null && password.matches("[A-Za-z0-9_-]{20,}");
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[owner=" + ownerUser + ", runtime=" + runtimeUser + "]";
    }
}
