package io.hybridlicense.license.validation;

import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.policy.PolicyCache;
import io.hybridlicense.shared.Clock;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The hot path: a signature check (cached per token string) and a read of the current row sent after
 * the request arrived ({@link CurrentLicenses}), so a suspension or revocation shows in the very next
 * validation. The license's policy (expiry grace, entitlements) comes from memory ({@link PolicyCache}),
 * at the version that read named. No password hashing, no writes (see {@link ValidationRecorder}), no
 * audit entry, and nothing that blocks: it runs on the event loop.
 */
@ApplicationScoped
public class ValidateLicense {

    public enum Code { VALID, VALID_IN_GRACE, ENTITLEMENTS_MISSING, HEARTBEAT_DEAD, EXPIRED, SUSPENDED, REVOKED, NOT_FOUND, INVALID_TOKEN, CLIENT_MISMATCH }

    /**
     * @param graceEndsAt  when the policy's expiry grace ends ({@code null} for a policy without grace)
     * @param entitlements the license's effective entitlements ({@code null} when no license was found)
     * @param missing      the required entitlements it lacks ({@code null} unless {@code ENTITLEMENTS_MISSING})
     */
    public record Outcome(boolean valid, Code code, UUID licenseId, LicenseStatus status, Instant expiresAt, Instant graceEndsAt,
                   List<String> entitlements, List<String> missing) {

        static Outcome without(Code code, UUID licenseId) {
            return new Outcome(false, code, licenseId, null, null, null, null, null);
        }
    }

    private static final Policy NO_POLICY = new Policy(null, "", 0, Duration.ofSeconds(1), Duration.ZERO,
            Duration.ofSeconds(1), null, new java.util.TreeSet<>(), 0);

    private final LicenseTokens tokens;
    private final CurrentLicenses currentLicenses;
    private final PolicyCache policies;
    private final ValidationRecorder recorder;
    private final Clock clock;

    ValidateLicense(LicenseTokens tokens, CurrentLicenses currentLicenses, PolicyCache policies, ValidationRecorder recorder,
                    Clock clock) {
        this.tokens = tokens;
        this.currentLicenses = currentLicenses;
        this.policies = policies;
        this.recorder = recorder;
        this.clock = clock;
    }

    public Future<Outcome> validate(String token, String clientId) {
        return validate(token, clientId, List.of());
    }

    /** @param required entitlement codes the caller needs; any it lacks (an unknown code too) make it invalid */
    public Future<Outcome> validate(String token, String clientId, List<String> required) {
        VerifiedToken verified = tokens.verify(token);
        UUID licenseId = verified.state() == VerifiedToken.State.INVALID ? null : parse(verified.claim(LicenseTokens.LICENSE_ID));
        if (licenseId == null) {
            return Future.succeededFuture(Outcome.without(Code.INVALID_TOKEN, null));
        }
        return currentLicenses.find(licenseId).compose(license -> {
            if (license == null || license.policyId() == null) {
                return Future.succeededFuture(outcome(verified, licenseId, license, NO_POLICY, clientId, required));
            }
            return policies.get(license.policyId(), license.policyVersion()).map(policy ->
                    outcome(verified, licenseId, license, policy == null ? NO_POLICY : policy, clientId, required));
        });
    }

    private Outcome outcome(VerifiedToken verified, UUID licenseId, CurrentLicenses.State license, Policy policy,
                            String clientId, List<String> required) {
        if (license == null) {
            return Outcome.without(Code.NOT_FOUND, licenseId);
        }
        recorder.noteValidated(licenseId);
        Set<String> entitlements = policy.effectiveEntitlements(license.granted());
        Instant expiry = expiry(verified, license);
        Instant graceEndsAt = policy.expiryGrace().isZero() ? null : policy.graceEndsAt(expiry);
        Code code;
        List<String> missing = null;
        if (!license.clientId().equals(verified.claim(LicenseTokens.CLIENT_ID))
                || clientId != null && !clientId.equals(license.clientId())) {
            code = Code.CLIENT_MISMATCH;
        } else {
            code = codeFor(license, expiry, policy);
            if ((code == Code.VALID || code == Code.VALID_IN_GRACE) && !required.isEmpty()) {
                List<String> lacking = Policy.missing(required, entitlements);
                if (!lacking.isEmpty()) {
                    code = Code.ENTITLEMENTS_MISSING;
                    missing = lacking;
                }
            }
        }
        return new Outcome(code == Code.VALID || code == Code.VALID_IN_GRACE, code, license.id(), license.status(),
                license.expiresAt(), graceEndsAt, List.copyOf(entitlements), missing);
    }

    /** The license's expiry, or the token's when that came first (a token keeps its own exp until the next activation). */
    private static Instant expiry(VerifiedToken verified, CurrentLicenses.State license) {
        if (verified.state() != VerifiedToken.State.EXPIRED) {
            return license.expiresAt();
        }
        Instant tokenExpiry = expOf(verified);
        return tokenExpiry.isBefore(license.expiresAt()) ? tokenExpiry : license.expiresAt();
    }

    private Code codeFor(CurrentLicenses.State license, Instant expiry, Policy policy) {
        Instant now = clock.now();
        return switch (license.status()) {
            case SUSPENDED -> Code.SUSPENDED;
            case REVOKED, DEACTIVATED -> Code.REVOKED;
            case EXPIRED -> Code.EXPIRED;
            case ACTIVE -> !expiry.isAfter(now) && !policy.inGrace(expiry, now) ? Code.EXPIRED
                    : dead(license, policy) ? Code.HEARTBEAT_DEAD
                    : expiry.isAfter(now) ? Code.VALID : Code.VALID_IN_GRACE;
        };
    }

    /** Past its stored heartbeat deadline, under a policy that (still) requires heartbeats. */
    private static boolean dead(CurrentLicenses.State license, Policy policy) {
        return license.heartbeatDead() && policy.heartbeat() != null && policy.heartbeat().interval() != null;
    }

    private static Instant expOf(VerifiedToken verified) {
        try {
            String exp = verified.claim("exp");
            return exp == null ? Instant.MIN : Instant.ofEpochSecond(Long.parseLong(exp));
        } catch (NumberFormatException e) {
            return Instant.MIN;
        }
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
