/**
 * auth: user accounts (email, password hash, plan), registration, login, signed JWT access tokens,
 * roles ({@code user}, {@code admin}) and the public keys at the JWKS endpoint.
 *
 * <p>Exports through {@code api}: the {@code AuthApi} facade, user views and its events
 * ({@code UserRegistered}, …). Owns the PostgreSQL schema {@code auth}. Uses no other module.
 */
package io.hybridlicense.auth;
