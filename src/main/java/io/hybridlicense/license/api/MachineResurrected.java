package io.hybridlicense.license.api;

import java.util.UUID;

/**
 * A heartbeat within the policy's resurrection window revived a culled license (active again, holding a
 * seat). Fired synchronously inside the reviving transaction (audited there, reason {@code heartbeat}).
 *
 * @param version the license's version after the change
 */
public record MachineResurrected(UUID licenseId, UUID userId, long version) {
}
