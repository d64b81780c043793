package io.hybridlicense.license.api;

import java.util.UUID;

/**
 * One item of an admin's batch of status changes.
 *
 * @param expectedVersion the version the admin saw ({@code null}: any version)
 */
public record LicenseStatusChange(UUID licenseId, LicenseStatus status, Long expectedVersion) {
}
