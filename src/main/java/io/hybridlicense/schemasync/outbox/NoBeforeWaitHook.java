package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.api.TableView;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The production hook: nothing happens between reading a table and waiting for its next settlement. */
@ApplicationScoped
@DefaultBean
class NoBeforeWaitHook implements BeforeWaitHook {

    @Override
    public void beforeWait(TableView seen) {
        // nothing in production
    }
}
