package io.hybridlicense.schemasync.outbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Test replacement of the after-DDL hook: "dies" once, for an armed change, after its DDL ran and before
 * its outcome is recorded, as a server killed at that moment would. The claim then has to expire.
 * Or stalls once there, alive, to prove the heartbeat keeps the claim.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class CrashingAfterDdlHook implements AfterDdlHook {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Map<String, Duration> stalls = new ConcurrentHashMap<>();

    void crashOnceAfter(UUID tableId, int changeVersion) {
        armed.add(tableId + "/" + changeVersion);
    }

    /** Makes the attempt hang once (a slow server, a long GC pause) after the DDL, still alive. */
    void stallOnceAfter(UUID tableId, int changeVersion, Duration stall) {
        stalls.put(tableId + "/" + changeVersion, stall);
    }

    @Override
    public void afterDdl(UUID tableId, int changeVersion) {
        Duration stall = stalls.remove(tableId + "/" + changeVersion);
        if (stall != null) {
            LockSupport.parkNanos(stall.toNanos());
        }
        if (armed.remove(tableId + "/" + changeVersion)) {
            throw new SimulatedCrash("simulated crash after the DDL of change " + changeVersion + " of " + tableId);
        }
    }

    /** An Error, not an exception: nothing on the way may record an outcome or release the claim, as after kill -9. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }
}
