package io.hybridlicense.license.api;

import java.util.List;

/**
 * One batch of the heartbeat cull ({@link MachineCulled} each), fired synchronously inside the culling
 * transaction, so that its observers write their rows (audit entries, webhooks) in one statement each
 * rather than one per machine.
 */
public record MachinesCulled(List<MachineCulled> machines) {

    public MachinesCulled {
        machines = List.copyOf(machines);
    }
}
