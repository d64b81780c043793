package io.hybridlicense.shared;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

/**
 * Pages with a sign-in of their own (the console): a visitor of them who is not signed in, or whose
 * session ended, is sent to sign in. Every other request without valid credentials gets the API's 401
 * problem+json: the one mapper of those failures asks each of these beans first.
 */
public interface SignInPages {

    /** The answer to a signed-out visitor of one of these pages; {@code null} when the request is for none of them. */
    Response signedOut(HttpServerRequest request);
}
