package io.hybridlicense.auth;

import io.hybridlicense.auth.api.SetupApi;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.PrivateFiles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The set-up of the first admin (see {@link SetupApi}). The code lives in {@code auth.setup_code}, made by
 * whichever instance needs it first, so that every instance prints and accepts the same one; the admin is
 * made under a transaction-scoped advisory lock, after which "no admin yet" is checked again, so that two
 * set-ups on two instances make one admin and the other is told 409.
 */
@ApplicationScoped
class FirstAdminSetup implements SetupApi {

    private static final Logger LOG = Logger.getLogger(FirstAdminSetup.class);
    /** "hl_setup" as a number: the advisory lock every set-up takes. */
    private static final long LOCK = 0x686c5f7365747570L;
    static final String FILE = "setup-code";

    private final Accounts accounts;
    private final AccountRules rules;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final EntityManager em;
    private final Clock clock;
    private final Path codeFile;
    private final SecureRandom random = new SecureRandom();

    FirstAdminSetup(Accounts accounts, AccountRules rules, PasswordHasher hasher, LoginThrottle throttle,
                    EntityManager em, Clock clock, @ConfigProperty(name = "hl.data-dir") String dataDir) {
        this.accounts = accounts;
        this.rules = rules;
        this.hasher = hasher;
        this.throttle = throttle;
        this.em = em;
        this.clock = clock;
        this.codeFile = Path.of(dataDir).resolve(FILE);
    }

    /** After {@link FirstAdmin}: an admin made from HL_ADMIN_EMAIL needs no set-up. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        try {
            if (adminExists()) {
                // an admin made from HL_ADMIN_EMAIL, or by another instance's set-up: no code stays usable or on disk
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM auth.setup_code").executeUpdate());
                forgetFile();
            } else if (codeRequired()) {
                announce(QuarkusTransaction.requiringNew().call(() -> code(false)), "No admin exists yet");
            } else {
                LOG.info("No admin exists yet: open /console/setup to make the first one (quarkus:dev asks for no set-up code)");
            }
        } catch (RuntimeException notNow) {
            // not worth failing the start for: the set-up page makes (and announces) the code when first opened
            LOG.warnf("Could not check for an admin at start (%s); the set-up page will say what it needs", notNow.toString());
        }
    }

    @Override
    public boolean adminExists() {
        return QuarkusTransaction.joiningExisting().call(() ->
                (Boolean) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM auth.users WHERE admin)").getSingleResult());
    }

    @Override
    public void prepare() {
        if (codeRequired() && !adminExists()) {
            QuarkusTransaction.requiringNew().call(() -> code(true));
        }
    }

    @Override
    public boolean codeRequired() {
        return LaunchMode.current() != LaunchMode.DEVELOPMENT;
    }

    /** The stored code, made by this instance if there is none yet (and then announced, if asked); inside a transaction. */
    String code(boolean announceIfMade) {
        String fresh = HexFormat.of().formatHex(bytes(16));
        @SuppressWarnings("unchecked")
        List<String> made = em.createNativeQuery("INSERT INTO auth.setup_code (code, created_at) VALUES (?1, ?2) "
                        + "ON CONFLICT DO NOTHING RETURNING code")
                .setParameter(1, fresh).setParameter(2, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC)).getResultList();
        if (!made.isEmpty()) {
            if (announceIfMade) {
                announce(fresh, "Made a set-up code");
            }
            return fresh;
        }
        return storedCode();
    }

    @Override
    @Transactional(Transactional.TxType.NEVER)
    public UserView createFirstAdmin(String email, String password, String setupCode, String clientAddress) {
        if (adminExists()) {
            throw done();
        }
        if (codeRequired()) {
            LoginThrottle.Attempt attempt = throttle.takeAddress(clientAddress);
            if (!matches(setupCode, QuarkusTransaction.requiringNew().call(() -> code(true)))) {
                throw new ProblemException(Problem.of(403, "invalid-setup-code", "Forbidden",
                        "The set-up code is wrong: it is in the server's log and in the file setup-code of its data directory"));
            }
            attempt.giveBack();
        }
        String stripped = rules.check(email, password);
        String passwordHash = hasher.hash(password);
        UserView admin = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
            // a new statement, so a new snapshot: it sees the admin another set-up committed while this one waited
            if (adminExists() || codeRequired() && !matches(setupCode, storedCode())) {
                throw done();
            }
            UserView made = accounts.insert(stripped, passwordHash, accounts.defaultPlan(), true, false);
            em.createNativeQuery("DELETE FROM auth.setup_code").executeUpdate();
            return made;
        });
        forgetFile();
        LOG.infof("The first admin %s was made through the set-up page", admin.email());
        return admin;
    }

    private String storedCode() {
        @SuppressWarnings("unchecked")
        List<String> codes = em.createNativeQuery("SELECT code FROM auth.setup_code").getResultList();
        return codes.isEmpty() ? null : codes.get(0);
    }

    /** In constant time (digests of equal length), ignoring blanks around what was pasted. */
    private static boolean matches(String typed, String expected) {
        if (typed == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(typed.strip()), sha256(expected));
    }

    private void announce(String code, String why) {
        try {
            PrivateFiles.write(codeFile, (code + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.warnf("Could not write the set-up code to %s: %s", codeFile, e);
        }
        LOG.warnf("%s: open /console/setup and enter the set-up code %s (also in %s, readable by this process's owner only)",
                why, code, codeFile.toAbsolutePath().normalize());
    }

    private void forgetFile() {
        try {
            Files.deleteIfExists(codeFile);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", codeFile, e);
        }
    }

    private static ProblemException done() {
        return ProblemException.conflict("setup-done", "An admin exists already: the set-up is closed; sign in instead");
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
