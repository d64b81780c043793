package io.hybridlicense.auth;

import io.hybridlicense.auth.api.AdminRoleChanged;
import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.PlanCatalogue;
import io.hybridlicense.auth.api.SessionsEnded;
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
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
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
    private final Event<SessionsEnded> sessionsEnded;
    private final JwtTokens tokens;
    private final SessionGenerations sessions;
    private final Instance<PlanCatalogue> plans;
    private final AccountRules rules;
    private final boolean selfRegistration;
    private final SecureRandom random = new SecureRandom();

    Accounts(PasswordHasher hasher, LoginThrottle throttle, Clock clock, Event<UserRegistered> registered,
             Event<AdminRoleChanged> roleChanged, Event<SessionsEnded> sessionsEnded, JwtTokens tokens,
             SessionGenerations sessions, Instance<PlanCatalogue> plans, AccountRules rules, AuthConfig config) {
        this.plans = plans;
        this.rules = rules;
        this.selfRegistration = config.selfRegistration();
        this.tokens = tokens;
        this.sessions = sessions;
        this.sessionsEnded = sessionsEnded;
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
     * A self-service account always starts on the catalogue's default plan.
     */
    @Transactional(Transactional.TxType.NEVER)
    UserView signUp(String email, String password, String clientAddress) {
        requireOpenRegistration();
        LoginThrottle.Attempt attempt = throttle.takeRegistration(clientAddress);
        String passwordHash;
        try {
            passwordHash = hasher.hash(password);
        } catch (RuntimeException notHashed) {
            attempt.giveBack();
            throw notHashed;
        }
        return QuarkusTransaction.requiringNew().call(() -> insert(email, passwordHash, defaultPlan(), false, false));
    }

    @Override
    public boolean selfRegistrationOpen() {
        return selfRegistration;
    }

    /** The API's registration (its rules, limits and answers) for a caller that is no JSON endpoint. */
    @Override
    @Transactional(Transactional.TxType.NEVER)
    public UserView register(String email, String password, String clientAddress) {
        requireOpenRegistration();
        return signUp(rules.check(email, password), password, clientAddress);
    }

    private void requireOpenRegistration() {
        if (!selfRegistration) {
            throw new ProblemException(Problem.of(403, "registration-closed", "Forbidden",
                    "Self-registration is closed on this server"));
        }
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

    /** The plan self-service accounts start on (license's catalogue; {@code free} without one). */
    Plan defaultPlan() {
        return plans.isResolvable() ? plans.get().defaultPlan() : Plan.FREE;
    }

    UserView insert(String email, String passwordHash, Plan plan, boolean admin, boolean bySystem) {
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
        return checkCredentials(email, password, clientAddress, false).user();
    }

    /**
     * @param temporaryAccepted false: a right password that an admin set as temporary is refused with 403
     *                          {@code password-change-required} (it only serves to choose a new one)
     */
    private Credentials checkCredentials(String email, String password, String clientAddress, boolean temporaryAccepted) {
        String account = UserEntity.normalize(email);
        LoginThrottle.Attempt attempt = throttle.take(account, clientAddress);
        Optional<Credentials> found;
        boolean matches;
        try {
            found = QuarkusTransaction.requiringNew().call(
                    () -> UserEntity.findByEmail(account).map(Credentials::of));
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
        Credentials checked = found.get();
        if (checked.temporary() && !temporaryAccepted) {
            throw new ProblemException(Problem.of(403, "password-change-required", "Forbidden",
                    "This password is temporary: choose a new one (console: the sign-in page leads there; API: "
                            + "POST /api/v1/auth/password/temporary), then sign in with it"));
        }
        if (hasher.needsRehash(checked.passwordHash())) {
            String newHash = hasher.hash(password);
            if (rehash(checked.user().userId(), checked.passwordHash(), newHash)) {
                return new Credentials(checked.user(), newHash, checked.sessionGeneration(), checked.temporary());
            }
        }
        return checked;
    }

    /**
     * The token carries the session generation read with the credentials: a sign-out committed while the
     * password was being checked makes it void at once.
     */
    @Override
    @Transactional(Transactional.TxType.NEVER)
    public SignedIn signIn(String email, String password, String clientAddress) {
        Credentials checked = checkCredentials(email, password, clientAddress, false);
        return signedIn(checked.user(), tokens.issueAccessToken(checked.user(), checked.sessionGeneration()));
    }

    /**
     * Everything is taken from the token itself, verified here, never from the caller: the user, the
     * sign-in time and the session generation, which must still be the user's as stored (read from the
     * database, not from memory), so that a session ended anywhere is not renewed.
     */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SignedIn> renew(String accessToken, Duration maxSessionLifetime) {
        return tokens.verifiedAccessToken(accessToken).flatMap(session -> {
            Instant notAfter = session.signedInAt().plus(maxSessionLifetime);
            if (!notAfter.isAfter(clock.now())) {
                return Optional.empty();
            }
            long stored = sessions.stored(session.userId());
            if (stored > session.sessionGeneration()) {
                return Optional.empty();
            }
            return findUser(session.userId()).map(user ->
                    signedIn(user, tokens.issueAccessToken(user, stored, session.signedInAt(), notAfter)));
        });
    }

    private static SignedIn signedIn(UserView user, JwtTokens.AccessToken token) {
        return new SignedIn(user, token.token(), Duration.ofSeconds(token.expiresInSeconds()));
    }

    @Override
    @Transactional
    public void signOut(UUID userId) {
        endSessions(userId, SessionsEnded.Cause.SIGNED_OUT, userId);
    }

    @Override
    @Transactional
    public void endSessions(UUID userId, UUID adminId) {
        endSessions(userId, SessionsEnded.Cause.ENDED_BY_ADMIN, adminId);
    }

    private void endSessions(UUID userId, SessionsEnded.Cause cause, UUID actorId) {
        if (!UserEntity.endSessions(userId)) {
            throw ProblemException.notFound("User " + userId);
        }
        sessionsEnded.fire(new SessionsEnded(userId, cause, actorId));
    }

    /**
     * The current password is checked like a login (same limits); the new one replaces it only if the
     * stored hash is still the one checked, and every session of the user ends with the change.
     */
    @Transactional(Transactional.TxType.NEVER)
    void changePassword(UUID userId, String currentPassword, String newPassword, String clientAddress) {
        UserView user = QuarkusTransaction.requiringNew().call(() -> findUser(userId))
                .orElseThrow(() -> ProblemException.notFound("The account"));
        Credentials checked = checkCredentials(user.email(), currentPassword, clientAddress, true);
        String newHash = hasher.hash(newPassword);
        boolean changed = QuarkusTransaction.requiringNew().call(() -> {
            if (!UserEntity.changePassword(userId, checked.passwordHash(), newHash)) {
                return false;
            }
            sessionsEnded.fire(new SessionsEnded(userId, SessionsEnded.Cause.PASSWORD_CHANGED, userId));
            return true;
        });
        if (!changed) {
            throw ProblemException.conflict("password-changed", "The password was changed meanwhile; sign in again");
        }
    }

    /**
     * A new random password for the user, which must be replaced at the next sign-in; every session of the
     * user ends with it, audited ({@link SessionsEnded.Cause#TEMPORARY_PASSWORD_SET}) with the admin as actor.
     */
    @Override
    @Transactional(Transactional.TxType.NEVER)
    public String setTemporaryPassword(UUID userId, UUID adminId) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < TEMPORARY_LENGTH; i++) {
            password.append(TEMPORARY_ALPHABET.charAt(random.nextInt(TEMPORARY_ALPHABET.length())));
        }
        String hash = hasher.hash(password.toString());
        QuarkusTransaction.requiringNew().run(() -> {
            if (!UserEntity.setTemporaryPassword(userId, hash)) {
                throw ProblemException.notFound("User " + userId);
            }
            sessionsEnded.fire(new SessionsEnded(userId, SessionsEnded.Cause.TEMPORARY_PASSWORD_SET, adminId));
        });
        return password.toString();
    }

    /**
     * The temporary password is checked like a login (same limits), then replaced by the new one, which must
     * differ; the flag goes with it.
     */
    @Override
    @Transactional(Transactional.TxType.NEVER)
    public void replaceTemporaryPassword(String email, String temporaryPassword, String newPassword, String clientAddress) {
        rules.checkNewPassword(newPassword);
        Credentials checked = checkCredentials(email, temporaryPassword, clientAddress, true);
        if (!checked.temporary()) {
            throw ProblemException.conflict("password-not-temporary",
                    "This password is not temporary: change it with POST /api/v1/auth/password once signed in");
        }
        if (hasher.matches(newPassword, checked.passwordHash())) {
            throw ProblemException.badRequest("same-password", "The new password must differ from the temporary one");
        }
        String newHash = hasher.hash(newPassword);
        UUID userId = checked.user().userId();
        boolean changed = QuarkusTransaction.requiringNew().call(() -> {
            if (!UserEntity.changePassword(userId, checked.passwordHash(), newHash)) {
                return false;
            }
            sessionsEnded.fire(new SessionsEnded(userId, SessionsEnded.Cause.PASSWORD_CHANGED, userId));
            return true;
        });
        if (!changed) {
            throw ProblemException.conflict("password-changed", "The password was changed meanwhile; sign in again");
        }
    }

    private static final String TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int TEMPORARY_LENGTH = 16;

    private record Credentials(UserView user, String passwordHash, long sessionGeneration, boolean temporary) {
        static Credentials of(UserEntity user) {
            return new Credentials(user.toView(), user.passwordHash, user.sessionGeneration, user.mustChangePassword);
        }
    }

    /** Only if the hash is still the one checked: a password changed meanwhile is not overwritten. */
    private static boolean rehash(UUID userId, String checkedHash, String newHash) {
        return QuarkusTransaction.requiringNew().call(() -> UserEntity.update(
                "passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, userId, checkedHash)) == 1;
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
