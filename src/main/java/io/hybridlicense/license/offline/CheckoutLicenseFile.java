package io.hybridlicense.license.offline;

import io.hybridlicense.license.api.LicenseFiles;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Checkout: a signed license file for a license that is active now, valid until the earlier of the
 * license's expiry and now + TTL; encrypted for the license's machine on request. Reads only: a file is
 * not a change of the license (nothing is audited or stored).
 */
@ApplicationScoped
class CheckoutLicenseFile implements LicenseFiles {

    static final Duration MIN_TTL = Duration.ofHours(1);
    static final Duration MAX_TTL = Duration.ofDays(365);
    static final Duration DEFAULT_TTL = Duration.ofDays(30);

    /** Who asks: a signed-in user (or admin), or the holder of the license's own token. */
    record Holder(UUID userId, boolean admin, UUID tokenLicenseId, String tokenClientId) {
        boolean mayCheckOut(LicenseView license) {
            return tokenLicenseId != null ? tokenLicenseId.equals(license.licenseId()) && license.clientId().equals(tokenClientId)
                    : admin || license.userId().equals(userId);
        }
    }

    private final FileLicenses fileLicenses;
    private final LicenseFileKeys keys;
    private final FileSecrets secrets;
    private final LicenseTerms terms;
    private final Clock clock;

    CheckoutLicenseFile(FileLicenses fileLicenses, LicenseFileKeys keys, FileSecrets secrets, LicenseTerms terms, Clock clock) {
        this.fileLicenses = fileLicenses;
        this.keys = keys;
        this.secrets = secrets;
        this.terms = terms;
        this.clock = clock;
    }

    /** The asked lifetime; {@code null} when none is asked: the license's policy's {@code offlineTtl} then. */
    static Duration ttl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Duration ttl = Duration.parse(value.strip());
            if (ttl.compareTo(MIN_TTL) >= 0 && ttl.compareTo(MAX_TTL) <= 0) {
                return ttl;
            }
        } catch (DateTimeParseException e) {
            // answered below, without echoing the value
        }
        throw new ProblemException(Problem.of(422, "invalid-ttl", "Unprocessable Content",
                "ttl must be an ISO-8601 duration from PT1H to P365D (e.g. P30D)"));
    }

    @Override
    public String fileFor(UUID licenseId, UUID ownerId) {
        return checkout(licenseId, new Holder(ownerId, false, null, null), null, false); // the policy's offlineTtl
    }

    /** A policy may allow longer than a file may live: within PT1H to P365D. */
    private static Duration within(Duration ttl) {
        return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    String checkout(UUID licenseId, Holder holder, Duration ttl, boolean encrypt) {
        if (!keys.enabled()) {
            throw new ProblemException(Problem.of(503, "license-files-off", "Service Unavailable",
                    "This server has no license file keys (hl.license-file.keys-location, hl.license-file.sign-key-location)"));
        }
        FileLicenses.Found found = fileLicenses.find(licenseId).filter(read -> holder.mayCheckOut(read.license()))
                .orElseThrow(() -> ProblemException.notFound("License " + licenseId));
        LicenseView license = found.license();
        Instant now = clock.now();
        if (license.status() != LicenseStatus.ACTIVE || !license.expiresAt().isAfter(now)) {
            String status = license.status() == LicenseStatus.ACTIVE ? "expired" : license.status().wireName();
            throw ProblemException.conflict("license-not-active", "The license is " + status + ": no license file is issued");
        }
        LicenseFileFormat.Machine machine = null;
        if (encrypt) {
            String secret = secrets.secretOf(licenseId).orElseThrow(() -> ProblemException.conflict("no-file-secret",
                    "This license has no file secret (activated before encrypted files existed, or the server has no "
                            + "hl.license-file.secrets-key): check out an unencrypted file, or activate the machine anew"));
            machine = new LicenseFileFormat.Machine(license.clientId(), secret);
        }
        LicenseTerms.Terms licenseTerms = terms.of(found);
        Duration lifetime = ttl != null ? ttl : within(licenseTerms.offlineTtl() == null ? DEFAULT_TTL : licenseTerms.offlineTtl());
        Instant expiry = now.plus(lifetime).isBefore(license.expiresAt()) ? now.plus(lifetime) : license.expiresAt();
        byte[] payload = LicenseFilePayload.of(license, found.plan(), licenseTerms, now, expiry);
        try {
            return LicenseFileFormat.write(payload, keys.signer(), keys.signingKeyId(), machine);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a license file", e);
        }
    }
}
