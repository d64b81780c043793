package io.hybridlicense.license;

import io.hybridlicense.license.api.LicenseStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The current state of one license, read for validation with a single primary-key projection on a
 * pooled connection. Validation is the hot path: a Hibernate session, entity hydration and a JTA
 * synchronisation cost more CPU here than the query itself (measured, see docs/PERFORMANCE.md), and
 * the row must never come from a cache, so that a suspension shows in the very next validation.
 */
@ApplicationScoped
class CurrentLicenses {

    private static final String SELECT =
            "SELECT client_id, status, expires_at FROM license.licenses WHERE id = ?";

    /** What validation needs of a license row. */
    record State(UUID id, String clientId, LicenseStatus status, Instant expiresAt) {
    }

    private final DataSource dataSource;

    CurrentLicenses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<State> find(UUID licenseId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new State(licenseId, row.getString(1), LicenseStatus.of(row.getString(2)),
                        row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read license " + licenseId, e);
        }
    }
}
