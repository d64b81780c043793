package io.hybridlicense.license;

/** Activate a license for {@code clientId} with the owner's credentials, from {@code clientAddress}. */
record ActivateLicenseCommand(String email, String password, String clientId, String clientAddress) {
}
