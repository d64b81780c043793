package io.hybridlicense.schemasync;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Access tokens as the auth module would issue them, signed with the application's key. */
final class Tokens {

    /** A user id and its bearer token. */
    record Identity(String userId, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    private Tokens() {
    }

    static Identity forNewUser() {
        return of(Set.of("user"));
    }

    static Identity forAdmin() {
        return of(Set.of("user", "admin"));
    }

    /** The audience of access tokens, and the key id the auth module puts in their header. */
    static final String ACCESS_AUDIENCE = "hybrid-license-api";

    private static Identity of(Set<String> groups) {
        String userId = UUID.randomUUID().toString();
        return new Identity(userId, Jwt.issuer("hybrid-license").audience(ACCESS_AUDIENCE).subject(userId).groups(groups)
                .expiresIn(900).jws().keyId(keyId()).sign());
    }

    /** RFC 7638 thumbprint of the verification key, as the auth module names its keys. */
    private static String keyId() {
        try {
            String dataDir = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("hl.data-dir", String.class);
            String pem = java.nio.file.Files.readString(java.nio.file.Path.of(dataDir, "keys", "verification-key.pem"));
            byte[] der = java.util.Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey)
                    java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
            return new org.jose4j.jwk.RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test verification key", e);
        }
    }
}
