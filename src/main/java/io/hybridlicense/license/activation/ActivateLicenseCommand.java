package io.hybridlicense.license.activation;

/** Activate a license for {@code clientId} with the owner's credentials, from {@code clientAddress}. */
public record ActivateLicenseCommand(String email, String password, String clientId, String clientAddress) {
}
