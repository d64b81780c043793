package io.hybridlicense.auth.apikey;

import io.hybridlicense.shared.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /** {@code POST /api/v1/api-keys} and {@code /api/v1/admin/api-keys}; {@code expiresAt} optional. */
    record NewKey(@NotBlank @PlainText @Size(max = 100) String name,
                  @NotNull @Size(min = 1, max = 16) List<@NotNull @Size(max = 40) String> scopes,
                  Instant expiresAt) {
    }
}
