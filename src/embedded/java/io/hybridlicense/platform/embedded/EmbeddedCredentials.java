package io.hybridlicense.platform.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The generated passwords of the embedded PostgreSQL's two roles: the owner, which creates the schema
 * (Flyway), and the runtime role, which serves requests with only the grants the migrations give it.
 * Kept in {@code HL_DATA_DIR/postgres-credentials.properties}, readable by the owner of the process only,
 * created once and reused on every restart. Never logged.
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
                if (!Files.exists(file)) {
                    if (EmbeddedDatabase.passwordAuthConfigured(dataDir.resolve("postgres"))) {
                        throw new IllegalStateException("The embedded PostgreSQL in " + dataDir.resolve("postgres")
                                + " demands passwords, but " + file + " that holds them is gone: restore it, or remove "
                                + "the postgres directory to start with an empty database");
                    }
                    write(file, new EmbeddedCredentials(OWNER, generate(), RUNTIME, generate()));
                }
                return read(file);
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

    private static EmbeddedCredentials read(Path file) throws IOException {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        }
        EmbeddedCredentials credentials = new EmbeddedCredentials(values.getProperty("owner.user", OWNER),
                values.getProperty("owner.password"), values.getProperty("runtime.user", RUNTIME),
                values.getProperty("runtime.password"));
        if (!safe(credentials.ownerPassword()) || !safe(credentials.runtimePassword())) {
            throw new IllegalStateException(file + " is damaged: delete it only together with the postgres directory");
        }
        return credentials;
    }

    private static void write(Path file, EmbeddedCredentials credentials) throws IOException {
        Files.createDirectories(file.getParent());
        Properties values = new Properties();
        values.setProperty("owner.user", credentials.ownerUser());
        values.setProperty("owner.password", credentials.ownerPassword());
        values.setProperty("runtime.user", credentials.runtimeUser());
        values.setProperty("runtime.password", credentials.runtimePassword());
        Path fresh = createOwnerOnly(file.resolveSibling(FILE + ".new"));
        try (Writer out = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
            values.store(out, "Generated passwords of the embedded PostgreSQL (owner: migrations, runtime: requests)");
        }
        Files.move(fresh, file);
    }

    /** A new file that only the process owner may read, with no moment in which others could. */
    static Path createOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createFile(file, ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL
            return Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Another process is writing " + file, e);
        }
    }

    private static boolean safe(String password) {
        return password != null && password.matches("[A-Za-z0-9_-]{20,}");
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[owner=" + ownerUser + ", runtime=" + runtimeUser + "]";
    }
}
