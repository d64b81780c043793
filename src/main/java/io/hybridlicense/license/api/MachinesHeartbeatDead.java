package io.hybridlicense.license.api;

import java.util.List;

/**
 * One batch of deaths announced ({@link MachineHeartbeatDead} each), fired synchronously inside the
 * transaction that marks them, so that its observers write their rows in one statement each.
 */
public record MachinesHeartbeatDead(List<MachineHeartbeatDead> machines) {

    public MachinesHeartbeatDead {
        machines = List.copyOf(machines);
    }
}
