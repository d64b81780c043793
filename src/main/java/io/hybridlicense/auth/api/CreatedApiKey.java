package io.hybridlicense.auth.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A key just created, with its secret: shown this once, never stored (only its SHA-256 is). */
public record CreatedApiKey(@JsonUnwrapped ApiKeyView key, String secret) {
}
