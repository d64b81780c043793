package io.hybridlicense.schemasync.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The production hook: nothing happens between the DDL and the recording of its outcome. */
@ApplicationScoped
@DefaultBean
class NoAfterDdlHook implements AfterDdlHook {

    @Override
    public void afterDdl(UUID tableId, int changeVersion) {
        // nothing in production
    }
}
