package io.hybridlicense.console;

import io.hybridlicense.shared.SignInPages;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Every console page (an admin's, a user's own, schemasync's designer) sends a signed-out visitor, or one
 * whose session expired, to sign in and drops the stale session cookie; the API's paths answer 401.
 */
@ApplicationScoped
class ConsoleSignInPages implements SignInPages {

    @Override
    public Response signedOut(HttpServerRequest request) {
        return ConsoleSession.covers(request.path()) ? ConsoleSession.toSignIn(request) : null;
    }
}
