package io.hybridlicense.auth.api;

import java.time.Duration;

/**
 * The result of a successful sign-in: the user and a fresh access token.
 *
 * @param accessToken the bearer token (also the console's session cookie)
 * @param lifetime    how long the token is valid
 */
public record SignedIn(UserView user, String accessToken, Duration lifetime) {
}
