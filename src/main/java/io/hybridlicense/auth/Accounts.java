package io.hybridlicense.auth;

import io.hybridlicense.auth.api.AdminRoleChanged;
import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SignedIn;
import io.hybridlicense.auth.api.UserRegistered;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Registration, credential checks and roles; the implementation of {@link AuthApi}. */
@ApplicationScoped
class Accounts implements AuthApi {

    private static final String EMAIL_UNIQUE = "users_email_key";

    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final Event<UserRegistered> registered;
    private final Event<AdminRoleChanged> roleChanged;
    private final JwtTokens tokens;

    Accounts(PasswordHasher hasher, LoginThrottle throttle, Clock clock,
             Event<UserRegistered> registered, Event<AdminRoleChanged> roleChanged, JwtTokens tokens) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.clock = clock;
        this.registered = registered;
        this.roleChanged = roleChanged;
    }

    /**
     * A registration from {@code clientAddress}: a token of the address's registration bucket is taken
     * before the password is hashed, so a flood of sign-ups neither creates more accounts nor computes
     * more hashes than the allowance. The token is kept once the hash was computed, whatever follows.
     * A self-service account always starts on the free plan.
     */
    @Transactional(Transactional.TxType.NEVER)
    UserView signUp(String email, String password, String clientAddress) {
        LoginThrottle.Attempt attempt = throttle.takeRegistration(clientAddress);
        String passwordHash;
        try {
            passwordHash = hasher.hash(password);
        } catch (RuntimeException notHashed) {
            attempt.giveBack();
            throw notHashed;
        }
        return QuarkusTransaction.requiringNew().call(() -> insert(email, passwordHash, Plan.FREE, false, false));
    }

    /**
     * Creates the account and, through {@link UserRegistered}, its subscription and audit entry. The
     * password is hashed first, before a connection is taken. Not rate-limited: for the system's own
     * accounts (the first admin).
     */
    @Transactional(Transactional.TxType.NEVER)
    UserView register(String email, String password, Plan plan, boolean admin, boolean bySystem) {
        String passwordHash = hasher.hash(password);
        return QuarkusTransaction.requiringNew().call(() -> insert(email, passwordHash, plan, admin, bySystem));
    }

    private UserView insert(String email, String passwordHash, Plan plan, boolean admin, boolean bySystem) {
        UserEntity user = new UserEntity();
        user.id = UUID.randomUUID();
        user.email = email.strip();
        user.passwordHash = passwordHash;
        user.plan = plan;
        user.admin = admin;
        user.createdAt = clock.now();
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.of(e, EMAIL_UNIQUE)) {
                throw ProblemException.conflict("email-taken", "An account with this email already exists");
            }
            throw e;
        }
        registered.fire(new UserRegistered(user.id, user.email, plan, admin, user.createdAt, bySystem ? null : user.id));
        return user.toView();
    }

    /**
     * The rate-limit token is taken before the password is checked, and the check runs outside any
     * transaction: a flood of guesses neither outruns the limit nor holds pooled connections.
     */
    @Override
    @Transactional(Transactional.TxType.NEVER)
    public UserView authenticate(String email, String password, String clientAddress) {
        String account = UserEntity.normalize(email);
        LoginThrottle.Attempt attempt = throttle.take(account, clientAddress);
        Optional<Credentials> found;
        boolean matches;
        try {
            found = QuarkusTransaction.requiringNew().call(
                    () -> UserEntity.findByEmail(account).map(user -> new Credentials(user.toView(), user.passwordHash)));
            if (found.isPresent()) {
                matches = hasher.matches(password, found.get().passwordHash());
            } else {
                hasher.checkDecoy(password);
                matches = false;
            }
        } catch (RuntimeException notChecked) {
            attempt.giveBack();
            throw notChecked;
        }
        if (!matches) {
            throw new ProblemException(Problem.of(401, "invalid-credentials", "Unauthorized",
                    "The email or the password is wrong"));
        }
        attempt.giveBack();
        UserView user = found.get().user();
        if (hasher.needsRehash(found.get().passwordHash())) {
            rehash(user.userId(), found.get().passwordHash(), hasher.hash(password));
        }
        return user;
    }

    @Override
    @Transactional(Transactional.TxType.NEVER)
    public SignedIn signIn(String email, String password, String clientAddress) {
        UserView user = authenticate(email, password, clientAddress);
        JwtTokens.AccessToken token = tokens.issueAccessToken(user);
        return new SignedIn(user, token.token(), Duration.ofSeconds(token.expiresInSeconds()));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SignedIn> renew(UUID userId, Instant signedInAt, Instant notAfter) {
        return findUser(userId).map(user -> {
            JwtTokens.AccessToken token = tokens.issueAccessToken(user, signedInAt, notAfter);
            return new SignedIn(user, token.token(), Duration.ofSeconds(token.expiresInSeconds()));
        });
    }

    private record Credentials(UserView user, String passwordHash) {
    }

    /** Only if the hash is still the one checked: a password changed meanwhile is not overwritten. */
    private static void rehash(UUID userId, String checkedHash, String newHash) {
        QuarkusTransaction.requiringNew().run(() -> UserEntity.update(
                "passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, userId, checkedHash));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserView> findUser(UUID userId) {
        return UserEntity.<UserEntity>findByIdOptional(userId).map(UserEntity::toView);
    }

    @Override
    @Transactional
    public void changePlan(UUID userId, Plan plan) {
        existing(userId, LockModeType.NONE).plan = plan;
    }

    /**
     * Grants or revokes the admin role; the last admin cannot lose it. A revocation locks every admin's
     * row before it counts them, in id order: two admins revoking each other at once are serialised, and
     * the second counts after the first committed.
     */
    @Override
    @Transactional
    public UserView setAdmin(UUID userId, boolean admin, UUID actorId) {
        int admins = admin ? 0 : UserEntity.lockAdmins();
        UserEntity user = existing(userId, LockModeType.PESSIMISTIC_WRITE);
        if (user.admin == admin) {
            return user.toView();
        }
        if (!admin && admins <= 1) {
            throw ProblemException.conflict("last-admin", "The last admin cannot lose the admin role");
        }
        user.admin = admin;
        roleChanged.fire(new AdminRoleChanged(user.id, admin, actorId));
        return user.toView();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<UserView> findByEmail(String email) {
        return UserEntity.findByEmail(email).map(UserEntity::toView);
    }

    private static UserEntity existing(UUID userId, LockModeType lock) {
        UserEntity user = UserEntity.findById(userId, lock);
        if (user == null) {
            throw ProblemException.notFound("User " + userId);
        }
        return user;
    }
}
