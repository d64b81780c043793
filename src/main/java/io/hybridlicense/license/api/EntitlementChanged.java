package io.hybridlicense.license.api;

import java.util.List;
import java.util.UUID;

/**
 * An admin changed entitlements, inside the transaction that made the change: added or removed a code of
 * the catalogue ({@code licenseId} null), or set the codes granted to one license on top of its policy's.
 *
 * @param change {@code created}, {@code deleted} (catalogue) or {@code granted} (one license)
 * @param codes  the code added or removed, or the license's granted codes after the change
 */
public record EntitlementChanged(String change, List<String> codes, UUID licenseId, UUID actorId) {
}
