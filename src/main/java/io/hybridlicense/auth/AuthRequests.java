package io.hybridlicense.auth;

import io.hybridlicense.shared.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The request bodies of the auth endpoints. Emails are trimmed before they are validated. */
final class AuthRequests {

    static final int MAX_EMAIL = 254;
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD_BYTES = 1024;

    private AuthRequests() {
    }

    /**
     * {@code plan} is read only to be refused: a self-service account starts on the free plan, and other
     * plans are set by an admin. Ignoring it would let a client believe it chose.
     */
    record Register(@NotBlank @Email @PlainText @Size(max = MAX_EMAIL) String email,
                    @NotNull @Size(min = MIN_PASSWORD) @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String password,
                    Object plan) {
        Register {
            email = email == null ? null : email.strip();
        }
    }

    record ChangePassword(@NotEmpty @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String currentPassword,
                          @NotNull @Size(min = MIN_PASSWORD) @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String newPassword) {
    }

    /** A temporary password (an admin's) and the new one that replaces it, without a token. */
    record ReplaceTemporaryPassword(@NotBlank @PlainText @Size(max = MAX_EMAIL) String email,
                                    @NotEmpty @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String temporaryPassword,
                                    @NotNull @Size(min = MIN_PASSWORD) @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String newPassword) {
        ReplaceTemporaryPassword {
            email = email == null ? null : email.strip();
        }
    }

    record Login(@NotBlank @PlainText @Size(max = MAX_EMAIL) String email,
                 @NotEmpty @MaxUtf8Bytes(MAX_PASSWORD_BYTES) String password) {
        Login {
            email = email == null ? null : email.strip();
        }
    }
}
