package io.hybridlicense.license.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybridlicense.license.activation.ActivateLicense;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.validation.ValidateLicense;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The response bodies of the license endpoints that are not plain views. */
public final class LicenseResponses {

    private LicenseResponses() {
    }

    /** {@code fileSecret}: only in the answer that created the license (encrypted license files); never again. */
    record Activated(UUID licenseId, String clientId, LicenseStatus status, Instant expiresAt, String token,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String fileSecret) {
        static Activated of(ActivateLicense.Activation activation) {
            LicenseView license = activation.license();
            return new Activated(license.licenseId(), license.clientId(), license.status(), license.expiresAt(),
                    activation.token(), activation.fileSecret());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Validation(boolean valid, ValidateLicense.Code code, UUID licenseId, LicenseStatus status, Instant expiresAt,
                      Instant graceEndsAt, List<String> entitlements, List<String> missing) {
        static Validation of(ValidateLicense.Outcome outcome) {
            return new Validation(outcome.valid(), outcome.code(), outcome.licenseId(), outcome.status(), outcome.expiresAt(),
                    outcome.graceEndsAt(), outcome.entitlements(), outcome.missing());
        }
    }

    /** One license with its plan, policy and effective entitlements (its policy's and those granted to it). */
    record Detail(UUID licenseId, UUID userId, String clientId, LicenseStatus status, Instant createdAt, Instant expiresAt,
                  Instant updatedAt, Instant lastValidatedAt, long version, String plan, UUID policyId,
                  List<String> entitlements) {
        static Detail of(LicenseView license, io.hybridlicense.license.policy.Entitlements.LicenseTerms terms) {
            return new Detail(license.licenseId(), license.userId(), license.clientId(), license.status(), license.createdAt(),
                    license.expiresAt(), license.updatedAt(), license.lastValidatedAt(), license.version(),
                    terms == null ? null : terms.plan().wireName(), terms == null ? null : terms.policy().id(),
                    terms == null ? List.of() : List.copyOf(terms.entitlements()));
        }
    }

    record BatchResult(UUID licenseId, LicenseStatus status, long version) {
        static BatchResult of(LicenseView license) {
            return new BatchResult(license.licenseId(), license.status(), license.version());
        }
    }
}
