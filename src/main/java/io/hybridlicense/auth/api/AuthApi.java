package io.hybridlicense.auth.api;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules may ask of auth. Every method joins the caller's transaction, if any, except
 * {@link #authenticate}, which must be called outside one.
 */
public interface AuthApi {

    /**
     * Checks an email and password, with the same brute-force limits as login (per account and per
     * client address). Re-hashes the password when the configured hashing cost has risen. Must be
     * called outside any transaction (it refuses to run inside one): password hashing is slow, and a
     * transaction would hold a pooled connection all that time.
     *
     * @param clientAddress the caller's IP address, for rate limiting
     * @return the user
     * @throws io.hybridlicense.shared.ProblemException 401 {@code invalid-credentials} (same for an
     *         unknown email and a wrong password), 429 {@code too-many-attempts} with {@code Retry-After},
     *         or 503 {@code server-busy} with {@code Retry-After} when too many passwords are being checked
     */
    UserView authenticate(String email, String password, String clientAddress);

    /**
     * {@link #authenticate} (the same limits and answers), then an access token for the user: what the
     * login endpoint and the console's sign-in both do.
     */
    SignedIn signIn(String email, String password, String clientAddress);

    /**
     * A new access token for a session that is still valid, without the password (the console's sliding
     * session). The token is verified again and everything is taken from it: the user (read again, so a
     * role revoked meanwhile is not carried on), its {@code auth_time}, carried on, and its session, which
     * must not have ended. The new token expires after the usual lifetime but never after
     * {@code auth_time + maxSessionLifetime}.
     *
     * @return empty when the token is invalid or expired, its session was ended (sign-out, password
     *         change, an admin), the account no longer exists, or the session is past its maximum lifetime
     */
    Optional<SignedIn> renew(String accessToken, Duration maxSessionLifetime);

    /**
     * Ends every session of the user, on every instance: the access tokens issued to them until now are
     * refused from now on (a sign-out), audited through {@link SessionsEnded}.
     *
     * @throws io.hybridlicense.shared.ProblemException 404 for an unknown user
     */
    void signOut(UUID userId);

    /**
     * An admin's "sign this user out everywhere": as {@link #signOut}, audited with the admin as actor.
     *
     * @throws io.hybridlicense.shared.ProblemException 404 for an unknown user
     */
    void endSessions(UUID userId, UUID adminId);

    Optional<UserView> findUser(UUID userId);

    /** Records the user's new plan; the caller (license) has already checked that it fits. */
    void changePlan(UUID userId, Plan plan);

    /**
     * Grants or revokes the admin role, audited through {@link AdminRoleChanged}. Takes effect in the
     * user's next access token.
     *
     * @throws io.hybridlicense.shared.ProblemException 404 for an unknown user, 409 {@code last-admin}
     *         when the last admin would lose the role
     */
    UserView setAdmin(UUID userId, boolean admin, UUID actorId);

    /** Whether anyone may register an account ({@code hl.auth.self-registration}). */
    boolean selfRegistrationOpen();

    /**
     * A self-registration, as {@code POST /api/v1/auth/register}: the same field rules, registration limit
     * per client address and answers. Must be called outside any transaction.
     *
     * @throws io.hybridlicense.shared.ProblemException 403 {@code registration-closed}, 400
     *         {@code invalid-request} naming the fields, 409 {@code email-taken}, 429 {@code too-many-registrations},
     *         503 {@code server-busy}
     */
    UserView register(String email, String password, String clientAddress);

    /**
     * An admin gives the user a new random password, returned once, which must be replaced at the next
     * sign-in (until then signing in with it answers 403 {@code password-change-required}); every session of
     * the user ends, audited. Must be called outside any transaction.
     *
     * @throws io.hybridlicense.shared.ProblemException 404 for an unknown user
     */
    String setTemporaryPassword(UUID userId, UUID adminId);

    /**
     * Replaces a temporary password: checked like a sign-in (same limits), the new one under the
     * registration's rules and different from it. Ends every session of the user. Outside any transaction.
     *
     * @throws io.hybridlicense.shared.ProblemException 401 {@code invalid-credentials}, 429, 400
     *         {@code invalid-request} or {@code same-password}, 409 {@code password-not-temporary}
     */
    void replaceTemporaryPassword(String email, String temporaryPassword, String newPassword, String clientAddress);
}
