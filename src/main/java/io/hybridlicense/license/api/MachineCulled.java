package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The heartbeat cull deactivated a license whose machine sent no heartbeat for the policy's interval,
 * grace and {@code cullAfter}, freeing its seat; announced in batches ({@link MachinesCulled}) inside the
 * culling transaction (audited there, reason {@code heartbeat}).
 *
 * @param from    the status it had (active or suspended)
 * @param version the license's version after the change
 */
public record MachineCulled(UUID licenseId, UUID userId, LicenseStatus from, long version, Instant culledAt) {
}
