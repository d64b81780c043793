package io.hybridlicense.schemasync;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test replacement of the after-DDL hook: "dies" once, for an armed change, after its DDL ran and before
 * its outcome is recorded, as a server killed at that moment would. The claim then has to expire.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class CrashingAfterDdlHook implements AfterDdlHook {

    private final Set<String> armed = ConcurrentHashMap.newKeySet();

    void crashOnceAfter(UUID tableId, int changeVersion) {
        armed.add(tableId + "/" + changeVersion);
    }

    @Override
    public void afterDdl(UUID tableId, int changeVersion) {
        if (armed.remove(tableId + "/" + changeVersion)) {
            throw new IllegalStateException("simulated crash after the DDL of change " + changeVersion + " of " + tableId);
        }
    }
}
