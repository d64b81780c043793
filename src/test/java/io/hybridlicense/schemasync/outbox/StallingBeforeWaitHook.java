package io.hybridlicense.schemasync.outbox;

import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.api.SchemaSyncApi;
import io.hybridlicense.schemasync.api.TableView;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test replacement of the before-wait hook: for an armed table, the next {@code Prefer: wait} that read it
 * unsettled stalls until the change has settled, so that the settlement's signal arrives exactly between
 * the waiter's read and its wait.
 */
@Alternative
@Priority(1)
@ApplicationScoped
class StallingBeforeWaitHook implements BeforeWaitHook {

    private final Set<UUID> armed = ConcurrentHashMap.newKeySet();
    private final Set<UUID> stalled = ConcurrentHashMap.newKeySet();

    @Inject
    SchemaSyncApi queries;

    void stallOnce(UUID tableId) {
        armed.add(tableId);
    }

    void disarm(UUID tableId) {
        armed.remove(tableId);
    }

    /** Whether a wait on the table did stall (the poller may have settled the change before the first read). */
    boolean stalled(UUID tableId) {
        return stalled.remove(tableId);
    }

    @Override
    public void beforeWait(TableView seen) {
        if (armed.remove(seen.tableId())) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !"pending".equals(queries.table(seen.tableId()).orElseThrow().status()));
            stalled.add(seen.tableId());
        }
    }
}
