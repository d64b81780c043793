package io.hybridlicense.license.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybridlicense.license.activation.ActivateLicense;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.validation.ValidateLicense;
import java.time.Instant;
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
    public record Validation(boolean valid, ValidateLicense.Code code, UUID licenseId, LicenseStatus status, Instant expiresAt) {
        static Validation of(ValidateLicense.Outcome outcome) {
            return new Validation(outcome.valid(), outcome.code(), outcome.licenseId(), outcome.status(), outcome.expiresAt());
        }
    }

    record BatchResult(UUID licenseId, LicenseStatus status, long version) {
        static BatchResult of(LicenseView license) {
            return new BatchResult(license.licenseId(), license.status(), license.version());
        }
    }
}
