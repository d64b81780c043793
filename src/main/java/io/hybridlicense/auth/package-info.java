/**
 * auth: user accounts (email, Argon2id password hash, plan), registration, login, signed JWT access
 * tokens, roles ({@code user}, {@code admin}), the first admin from configuration or from the one-time
 * set-up code ({@code FirstAdminSetup}), temporary passwords set by admins, brute-force limits on credential
 * checks, the public keys at {@code /.well-known/jwks.json}, and long-lived API keys with scopes
 * ({@code apikey/}: created, listed and revoked over REST and in the console, presented as {@code Bearer hl_…}).
 *
 * <p>Exports through {@code api}: the {@code AuthApi} facade (credential checks for activation, users,
 * plan changes, registration, temporary passwords), the {@code SetupApi} of the first run, {@code SignedTokens} (module-specific JWTs with the same keys), user views, the
 * {@code SubscriptionDirectory} port (implemented by license, shown on {@code /me}) and its events
 * ({@code UserRegistered}, {@code AdminRoleChanged}, {@code ApiKeyCreated}, {@code ApiKeyRevoked},
 * {@code ApiKeyRefused}), the {@code ApiKeysApi} facade for the console, and {@code @ApiKeyScope} with which every
 * module's REST operations declare the scope a key needs. Owns the PostgreSQL schema {@code auth}. Uses no
 * other module.
 */
package io.hybridlicense.auth;
