package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.shared.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/datasources}: structured fields only, never a JDBC URL. {@code create}
 * (SQLite only) makes a new, empty database file instead of registering an existing one.
 */
record DataSourceRequest(
        @NotBlank @PlainText @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "postgresql|mariadb|mysql|sqlite", message = "must be postgresql, mariadb, mysql or sqlite")
        String kind,
        @Size(max = 253) String host,
        @Min(1) @Max(65535) Integer port,
        @Size(max = 64) String database,
        @PlainText @Size(max = 128) String username,
        @Size(max = 1024) String password,
        @Size(max = 100) String file,
        Boolean create,
        @Size(max = 10) Map<String, String> options) {
}
