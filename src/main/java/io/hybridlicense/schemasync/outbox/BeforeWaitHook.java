package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.api.TableView;

/**
 * Called by {@code Prefer: wait} after it read a table that is not yet where the request waits for, and
 * before it waits: the moment where a settlement signal used to be lost. Production does nothing here;
 * tests stall until the change has settled, to prove the signal that arrived meanwhile is not missed.
 */
interface BeforeWaitHook {

    void beforeWait(TableView seen);
}
