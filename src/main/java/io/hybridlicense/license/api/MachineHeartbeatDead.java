package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A live license's machine sent no heartbeat by its deadline (the policy's interval and grace after its last
 * ping or its activation): it is dead, and validations answer {@code HEARTBEAT_DEAD}, until it pings again or
 * is culled. Announced once per death, in batches ({@link MachinesHeartbeatDead}), synchronously inside the
 * transaction that records it as announced (a machine that pings again and dies again is announced again).
 *
 * @param deadline        when it became dead (on the database's clock)
 * @param lastHeartbeatAt its last ping written, {@code null} if it never pinged since activation
 */
public record MachineHeartbeatDead(UUID licenseId, UUID userId, String clientId, Instant deadline, Instant lastHeartbeatAt) {
}
