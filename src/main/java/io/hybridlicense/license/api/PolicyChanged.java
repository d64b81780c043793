package io.hybridlicense.license.api;

import java.util.Map;
import java.util.UUID;

/**
 * An admin created, updated or deleted a policy; fired inside the transaction that made the change.
 *
 * @param change  {@code created}, {@code updated} or {@code deleted}
 * @param version the policy's version after the change
 * @param terms   the policy's terms after the change (name, seats, durations as ISO-8601, entitlements)
 */
public record PolicyChanged(UUID policyId, String change, long version, Map<String, Object> terms, UUID actorId) {
}
