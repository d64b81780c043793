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

    static final String AUDIENCE = "hybrid-license-client";
    public static final String LICENSE_ID = "licenseId";
    static final String USER_ID = "userId";
    public static final String CLIENT_ID = "clientId";
    static final String PLAN = "plan";
    static final String STATUS = "status";

    private final SignedTokens tokens;

    LicenseTokens(SignedTokens tokens) {
        this.tokens = tokens;
    }

    String issue(LicenseView license, Plan plan) {
        return tokens.sign(AUDIENCE, license.licenseId().toString(), license.expiresAt(), Map.of(
                LICENSE_ID, license.licenseId().toString(),
                USER_ID, license.userId().toString(),
                CLIENT_ID, license.clientId(),
                PLAN, plan.wireName(),
                STATUS, license.status().wireName()));
    }

    public VerifiedToken verify(String token) {
        return tokens.verify(token, AUDIENCE);
    }
}
