package io.hybridlicense.license;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The request bodies of the license endpoints. */
public final class LicenseRequests {

    /** 1–128 printable ASCII characters, inner spaces allowed. */
    public static final String CLIENT_ID = "[\\x21-\\x7E](?:[\\x20-\\x7E]{0,126}[\\x21-\\x7E])?";
    public static final String CLIENT_ID_MESSAGE = "must be 1 to 128 printable characters without leading or trailing spaces";
    static final String SETTABLE_STATUS = "active|suspended|revoked";
    static final int MAX_EMAIL = 254;
    static final int MAX_PASSWORD = 1024;
    public static final int MAX_TOKEN = 8192;

    private LicenseRequests() {
    }

    public record Activate(@NotBlank @PlainText @Size(max = MAX_EMAIL) String email,
                    @NotEmpty @Size(max = MAX_PASSWORD) String password,
                    @NotNull @Size(max = 128) @Pattern(regexp = CLIENT_ID, message = CLIENT_ID_MESSAGE) String clientId) {
    }

    /** {@code requireEntitlements} is checked by {@link ValidationJson#checkRequired}, as on the event-loop route. */
    public record Validate(@NotBlank @Size(max = MAX_TOKEN) String token,
                    @Size(max = 128) @Pattern(regexp = CLIENT_ID, message = CLIENT_ID_MESSAGE) String clientId,
                    java.util.List<String> requireEntitlements) {
    }

    public record ChangeStatus(@NotNull @Pattern(regexp = SETTABLE_STATUS) String status) {
    }

    public record BatchItem(@NotNull UUID licenseId,
                     @NotNull @Pattern(regexp = SETTABLE_STATUS) String status,
                     @PositiveOrZero Long expectedVersion) {
    }

    public record ChangePlan(@NotNull @Pattern(regexp = Plan.WIRE_NAMES) String plan) {
    }
}
