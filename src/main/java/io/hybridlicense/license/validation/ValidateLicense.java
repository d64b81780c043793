package io.hybridlicense.license.validation;

import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.shared.Clock;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The hot path: a signature check (cached per token string) and a read of the current row sent after
 * the request arrived ({@link CurrentLicenses}), so a suspension or revocation shows in the very next
 * validation. No password hashing, no writes (see {@link ValidationRecorder}), no audit entry, and
 * nothing that blocks: it runs on the event loop.
 */
@ApplicationScoped
public class ValidateLicense {

    public enum Code { VALID, EXPIRED, SUSPENDED, REVOKED, NOT_FOUND, INVALID_TOKEN, CLIENT_MISMATCH }

    public record Outcome(boolean valid, Code code, UUID licenseId, LicenseStatus status, Instant expiresAt) {
        static Outcome of(Code code, CurrentLicenses.State license) {
            return new Outcome(code == Code.VALID, code, license.id(), license.status(), license.expiresAt());
        }

        static Outcome without(Code code, UUID licenseId) {
            return new Outcome(false, code, licenseId, null, null);
        }
    }

    private final LicenseTokens tokens;
    private final CurrentLicenses currentLicenses;
    private final ValidationRecorder recorder;
    private final Clock clock;

    ValidateLicense(LicenseTokens tokens, CurrentLicenses currentLicenses, ValidationRecorder recorder, Clock clock) {
        this.tokens = tokens;
        this.currentLicenses = currentLicenses;
        this.recorder = recorder;
        this.clock = clock;
    }

    public Future<Outcome> validate(String token, String clientId) {
        VerifiedToken verified = tokens.verify(token);
        UUID licenseId = verified.state() == VerifiedToken.State.INVALID ? null : parse(verified.claim(LicenseTokens.LICENSE_ID));
        if (licenseId == null) {
            return Future.succeededFuture(Outcome.without(Code.INVALID_TOKEN, null));
        }
        return currentLicenses.find(licenseId).map(license -> outcome(verified, licenseId, license, clientId));
    }

    private Outcome outcome(VerifiedToken verified, UUID licenseId, CurrentLicenses.State license, String clientId) {
        if (license == null) {
            return Outcome.without(Code.NOT_FOUND, licenseId);
        }
        recorder.noteValidated(licenseId);
        if (!license.clientId().equals(verified.claim(LicenseTokens.CLIENT_ID))
                || clientId != null && !clientId.equals(license.clientId())) {
            return Outcome.of(Code.CLIENT_MISMATCH, license);
        }
        return Outcome.of(codeFor(license, verified.state() == VerifiedToken.State.EXPIRED), license);
    }

    private Code codeFor(CurrentLicenses.State license, boolean tokenExpired) {
        return switch (license.status()) {
            case SUSPENDED -> Code.SUSPENDED;
            case REVOKED, DEACTIVATED -> Code.REVOKED;
            case EXPIRED -> Code.EXPIRED;
            case ACTIVE -> tokenExpired || !license.expiresAt().isAfter(clock.now()) ? Code.EXPIRED : Code.VALID;
        };
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
