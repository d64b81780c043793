package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.target.AttemptDeadline;
import io.hybridlicense.schemasync.target.CatalogSnapshot;
import io.hybridlicense.schemasync.target.ChangeFailure;
import io.hybridlicense.schemasync.target.ChangeApplier;
import io.hybridlicense.schemasync.target.CoreDatabaseGuard;
import io.hybridlicense.schemasync.target.TargetConnector;
import io.hybridlicense.schemasync.target.TargetSpec;
import io.hybridlicense.shared.AddressPolicy;
import io.hybridlicense.shared.PrivateFiles;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns stored data sources into connectable targets, enforcing where this server may connect: the
 * address policy (SSRF), never its own database, and the SQLite directory. Every connection to a
 * user's database goes through a spec made here, so these checks run again before each of them.
 */
@ApplicationScoped
public class Targets {

    private static final Pattern SAFE_OWNER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    private static final Pattern SQLITE_FILE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$");

    private final SchemaSyncConfig config;
    private final CredentialCipher cipher;
    private final AddressPolicy addresses;
    private final Path sqliteDirectory;
    private final TargetConnector connector;
    private final ChangeApplier applier;

    Targets(SchemaSyncConfig config, CredentialCipher cipher, @ConfigProperty(name = "hl.data-dir") String dataDir,
            DataSource core) {
        this.config = config;
        this.cipher = cipher;
        this.addresses = new AddressPolicy("hl.schemasync.allowed-hosts", config.allowedHosts());
        this.sqliteDirectory = realDirectory(Path.of(config.sqliteDirectory().orElse(Path.of(dataDir, "sqlite").toString())),
                config.sqlite().enabled());
        this.connector = new TargetConnector(config.connectTimeout(), config.statementTimeout(),
                new CoreDatabaseGuard(coreIdentity(core)));
        this.applier = new ChangeApplier(connector, config.workers());
    }

    /**
     * Reads the whole catalogue of a user's database, within one attempt's deadline.
     *
     * @throws ChangeFailure when it cannot be reached or read
     */
    public CatalogSnapshot snapshot(DataSourceRecord ds) throws ChangeFailure {
        return CatalogSnapshot.read(connector, spec(ds), AttemptDeadline.in(config.attemptTimeout(), config.statementTimeout()));
    }

    public ChangeApplier applier() {
        return applier;
    }

    /**
     * @throws ProblemException {@code host-not-allowed}, {@code invalid-sqlite-file}, {@code sqlite-file-missing} or
     *                          {@code sqlite-disabled}: permanent refusals (the allowlist may have narrowed, a file
     *                          been replaced or removed, or SQLite been disabled since registration)
     */
    public TargetSpec spec(DataSourceRecord ds) {
        if (ds.dialect() == Dialect.SQLITE) {
            requireSqliteEnabled();
            return new TargetSpec(ds.dialect(), null, 0, null, null, null, existingSqliteFile(ds.ownerId(), ds.file()),
                    ds.options(), null);
        }
        InetAddress address = allowedAddresses(ds.host()).stream().findFirst().orElse(null);
        String password = ds.secret() == null ? null : cipher.decrypt(ds.id(), ds.secret());
        return new TargetSpec(ds.dialect(), ds.host(), ds.port(), ds.database(), ds.username(), password, null, ds.options(),
                address);
    }

    /** At registration the host must resolve (or be allowed by name): a refusal must not depend on reachability. */
    void requireAllowedHost(String host) {
        if (allowedAddresses(host).isEmpty() && !addresses.allowsByName(host)) {
            throw hostNotAllowed();
        }
    }

    /**
     * Refuses to register this server's own database when the target can be reached now; when it
     * cannot, every later connection checks again.
     */
    void requireNotCoreDatabase(DataSourceRecord ds) {
        if (ds.dialect() != Dialect.POSTGRESQL) {
            return; // the core database is PostgreSQL: another protocol cannot reach it
        }
        try (Connection ignored = connector.open(spec(ds))) {
            // reached, and not the core database
        } catch (SQLException unreachableNow) {
            // accepted like any database that is down; checked again on every connection
        }
    }

    /**
     * The server's version, or empty when the database cannot be reached for whatever reason (refused,
     * timeout, unknown host, authentication, TLS): one answer for all of them, no sooner than the
     * connect timeout, so that this is no port scanner.
     *
     * @throws ProblemException when the data source is not allowed at all (policy, not reachability)
     */
    Optional<String> serverVersion(DataSourceRecord ds) {
        TargetSpec spec = spec(ds);
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        try (Connection connection = connector.open(spec)) {
            var meta = connection.getMetaData();
            return Optional.of(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (ProblemException refused) {
            throw refused;
        } catch (SQLException | RuntimeException unreachable) {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            return Optional.empty();
        }
    }

    private List<InetAddress> allowedAddresses(String host) {
        try {
            return addresses.resolve(host);
        } catch (AddressPolicy.Refused refused) {
            throw hostNotAllowed();
        }
    }

    private static ProblemException hostNotAllowed() {
        return ProblemException.badRequest("host-not-allowed", "This server may not connect to that host "
                + "(hl.schemasync.allowed-hosts)");
    }

    /**
     * Refuses SQLite unless this deployment declared its SQLite directory fit for it
     * ({@code hl.schemasync.sqlite.enabled}): a file lives on one instance's disk, and another instance
     * would not find it.
     */
    void requireSqliteEnabled() {
        if (!config.sqlite().enabled()) {
            throw new ProblemException(Problem.of(422, "sqlite-disabled", "Unprocessable Content", "SQLite data sources are "
                    + "not enabled on this server (hl.schemasync.sqlite.enabled): register a PostgreSQL, MariaDB or MySQL database"));
        }
    }

    /**
     * The owner's SQLite file, which must exist: nothing here or in the driver (opened without
     * {@code SQLITE_OPEN_CREATE}) creates a missing one, which on another instance than the one that
     * created it would silently be a second, empty database.
     *
     * @throws ProblemException {@code sqlite-file-missing} (422), {@code invalid-sqlite-file} (400)
     */
    Path existingSqliteFile(String ownerId, String file) {
        Path candidate = sqliteFile(ownerId, file);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProblemException(Problem.of(422, "sqlite-file-missing", "Unprocessable Content", "There is no SQLite "
                    + "file of that name in your directory on this server; to start a new, empty database register it with "
                    + "\"create\": true"));
        }
        return candidate;
    }

    /**
     * Creates a new, empty SQLite database in the owner's directory, readable by this server's user
     * only from its first byte, and never over an existing file.
     *
     * @throws ProblemException {@code sqlite-file-exists} (409), {@code invalid-sqlite-file} (400)
     */
    Path createSqliteFile(String ownerId, String file) {
        Path candidate = sqliteFile(ownerId, file);
        try {
            PrivateFiles.createDirectories(candidate.getParent());
            sqliteFile(ownerId, file); // and still no link
            // O_CREAT | O_EXCL: never over an existing file, nor through a link planted meanwhile
            PrivateFiles.newFile(candidate).close();
            return candidate;
        } catch (FileAlreadyExistsException e) {
            throw ProblemException.conflict("sqlite-file-exists", "A file of that name is already in your SQLite directory: "
                    + "register it without \"create\", or choose another name");
        } catch (IOException e) {
            throw new UncheckedIOException("The SQLite directory " + sqliteDirectory + " is not usable", e);
        }
    }

    /**
     * A plain file name (no separators, no "..", no absolute path) inside the owner's own subdirectory
     * of the SQLite directory, so that no user can open another user's file. Neither that directory nor
     * the file may be a symbolic link, nor any directory on the way have become one. Creates nothing.
     */
    private Path sqliteFile(String ownerId, String file) {
        if (file == null || !SQLITE_FILE.matcher(file).matches() || file.contains("..")) {
            throw ProblemException.badRequest("invalid-sqlite-file", "file must be a plain file name (letters, digits, "
                    + "'_', '-', '.'; no '..') inside the configured SQLite directory");
        }
        try {
            Path ownDirectory = sqliteDirectory.resolve(ownerDirectory(ownerId));
            Path candidate = ownDirectory.resolve(file);
            boolean inside = !Files.exists(ownDirectory, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(ownDirectory, LinkOption.NOFOLLOW_LINKS)
                    && ownDirectory.toRealPath().equals(ownDirectory)
                    && (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS));
            if (!inside) {
                throw ProblemException.badRequest("invalid-sqlite-file", "file must be a regular file inside your SQLite "
                        + "directory, not a symbolic link");
            }
            return candidate;
        } catch (IOException e) {
            throw new UncheckedIOException("The SQLite directory " + sqliteDirectory + " is not usable", e);
        }
    }

    /**
     * The operator's directory as it really is now (its own links resolved once); nothing below it may be a
     * link. Created owner-only if missing, as the users' directories and files in it.
     */
    private static Path realDirectory(Path configured, boolean enabled) {
        if (!enabled) {
            return configured.toAbsolutePath().normalize(); // never opened: nothing to create
        }
        try {
            PrivateFiles.createDirectories(configured);
            return configured.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("The SQLite directory " + configured + " is not usable", e);
        }
    }

    private CoreDatabaseGuard.Identity coreIdentity(DataSource core) {
        try (Connection connection = core.getConnection()) {
            return CoreDatabaseGuard.identify(connection, (int) Math.max(1, config.statementTimeout().toSeconds()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the identity of this server's own database", e);
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
