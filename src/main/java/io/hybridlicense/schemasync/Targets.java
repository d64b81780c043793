package io.hybridlicense.schemasync;

import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.target.ChangeApplier;
import io.hybridlicense.schemasync.target.TargetConnector;
import io.hybridlicense.schemasync.target.TargetSpec;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns stored data sources into connectable targets, enforcing the host allowlist and the SQLite directory. */
@ApplicationScoped
class Targets {

    private static final Pattern SAFE_OWNER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    private static final Pattern SQLITE_FILE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$");

    private final SchemaSyncConfig config;
    private final CredentialCipher cipher;
    private final Path sqliteDirectory;
    private final ChangeApplier applier;

    Targets(SchemaSyncConfig config, CredentialCipher cipher, @ConfigProperty(name = "hl.data-dir") String dataDir) {
        this.config = config;
        this.cipher = cipher;
        this.sqliteDirectory = Path.of(config.sqliteDirectory().orElse(Path.of(dataDir, "sqlite").toString()))
                .toAbsolutePath().normalize();
        this.applier = new ChangeApplier(new TargetConnector(config.connectTimeout(), config.statementTimeout()), config.workers());
    }

    ChangeApplier applier() {
        return applier;
    }

    TargetSpec spec(DataSourceRecord ds) {
        if (ds.dialect() == Dialect.SQLITE) {
            return new TargetSpec(ds.dialect(), null, 0, null, null, null, sqliteFile(ds.ownerId(), ds.file()), ds.options());
        }
        requireAllowedHost(ds.host());
        String password = ds.secret() == null ? null : cipher.decrypt(ds.id(), ds.secret());
        return new TargetSpec(ds.dialect(), ds.host(), ds.port(), ds.database(), ds.username(), password, null, ds.options());
    }

    /** Checked at registration and again before every connection, in case the allowlist was narrowed. */
    void requireAllowedHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        boolean allowed = config.allowedHosts().stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).anyMatch(pattern ->
                pattern.equals("*") || pattern.equals(lower)
                        || pattern.startsWith("*.") && lower.endsWith(pattern.substring(1)));
        if (!allowed) {
            throw ProblemException.badRequest("host-not-allowed", "This server may not connect to that host "
                    + "(hl.schemasync.allowed-hosts)");
        }
    }

    /**
     * A plain file name (no separators, no "..", no absolute path, no symlink escape) inside the owner's
     * own subdirectory of the SQLite directory, so that no user can open another user's file.
     */
    Path sqliteFile(String ownerId, String file) {
        if (file == null || !SQLITE_FILE.matcher(file).matches() || file.contains("..")) {
            throw ProblemException.badRequest("invalid-sqlite-file", "file must be a plain file name (letters, digits, "
                    + "'_', '-', '.'; no '..') inside the configured SQLite directory");
        }
        try {
            Path ownDirectory = sqliteDirectory.resolve(ownerDirectory(ownerId));
            Files.createDirectories(ownDirectory);
            Path directory = ownDirectory.toRealPath();
            Path resolved = directory.resolve(file).normalize();
            Path real = Files.exists(resolved) ? resolved.toRealPath() : resolved;
            if (!real.getParent().equals(directory)) {
                throw ProblemException.badRequest("invalid-sqlite-file", "file must stay inside your SQLite directory");
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException("The SQLite directory " + sqliteDirectory + " is not usable", e);
        }
    }

    /** Owner ids are token subjects (UUIDs from auth); anything else is hashed into a safe directory name. */
    static String ownerDirectory(String ownerId) {
        if (SAFE_OWNER.matcher(ownerId).matches()) {
            return ownerId;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ownerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
