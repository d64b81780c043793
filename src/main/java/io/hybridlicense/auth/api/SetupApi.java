package io.hybridlicense.auth.api;

/**
 * The first run: while no admin exists, anyone who holds the one-time set-up code (printed in the server's
 * log at start and written owner-only to {@code HL_DATA_DIR/setup-code}) may make the first admin, once.
 */
public interface SetupApi {

    /** Whether an admin exists (read from the database every time, so every instance agrees at once). */
    boolean adminExists();

    /** Whether the set-up asks for the code: always, except in {@code quarkus:dev}. */
    boolean codeRequired();

    /**
     * Makes the set-up code if none exists yet (and says it in this instance's log and data directory), so
     * that the set-up page can ask for it; nothing when an admin exists or no code is required.
     */
    void prepare();

    /**
     * Makes the first admin, atomically across instances: of two set-ups at once exactly one succeeds.
     * Audited in the same transaction ({@link UserRegistered} with the new admin as actor). Must be called
     * outside any transaction.
     *
     * @param setupCode the code, ignored when {@link #codeRequired()} is false
     * @throws io.hybridlicense.shared.ProblemException 409 {@code setup-done} when an admin exists,
     *         403 {@code invalid-setup-code}, 429 {@code too-many-attempts} (wrong codes count against the
     *         client address's failure allowance, as wrong passwords do), 400 {@code invalid-request} with
     *         the same field rules as registration, 503 {@code server-busy}
     */
    UserView createFirstAdmin(String email, String password, String setupCode, String clientAddress);
}
