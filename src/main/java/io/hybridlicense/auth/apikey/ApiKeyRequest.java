package io.hybridlicense.auth.apikey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key presented as {@code Authorization: Bearer hl_…}, with the client's address (rate limits). */
final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String secret;
    private final String clientAddress;

    ApiKeyRequest(String secret, String clientAddress) {
        this.secret = secret;
        this.clientAddress = clientAddress;
    }

    String secret() {
        return secret;
    }

    String clientAddress() {
        return clientAddress;
    }
}
