package io.hybridlicense.license;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SignedTokens;
import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.license.api.LicenseView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * License tokens: JWTs signed with the application's keys, {@code exp} = the license's expiry, so a
 * client can check one offline with the JWKS. Their own audience keeps them from passing as access
 * tokens and the other way round.
 */
@ApplicationScoped
public class LicenseTokens {

    public static final String AUDIENCE = "hybrid-license-client";
    public static final String LICENSE_ID = "licenseId";
    public static final String USER_ID = "userId";
    public static final String CLIENT_ID = "clientId";
    public static final String PLAN = "plan";
    public static final String STATUS = "status";
    /** The license's effective entitlements when the token was issued (its policy's and those granted to it). */
    public static final String ENTITLEMENTS = "entitlements";

    private final SignedTokens tokens;

    LicenseTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    public String issue(LicenseView license, Plan plan, java.util.Collection<String> entitlements) {
        return tokens.sign(AUDIENCE, license.licenseId().toString(), license.expiresAt(), Map.of(
                LICENSE_ID, license.licenseId().toString(),
                USER_ID, license.userId().toString(),
                CLIENT_ID, license.clientId(),
                PLAN, plan.wireName(),
                STATUS, license.status().wireName(),
                ENTITLEMENTS, java.util.List.copyOf(entitlements)));
    }

    public VerifiedToken verify(String token) {
        return tokens.verify(token, AUDIENCE);
    }
}
