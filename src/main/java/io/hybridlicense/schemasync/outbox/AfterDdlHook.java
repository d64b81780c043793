package io.hybridlicense.schemasync.outbox;

import java.util.UUID;

/**
 * Called after a change's DDL ran and before its outcome is recorded: the one moment where a crash
 * leaves the user's database ahead of the model. Production does nothing here; tests simulate that
 * crash by throwing, to prove the claim expires and the change is confirmed exactly once.
 */
interface AfterDdlHook {

    void afterDdl(UUID tableId, int changeVersion);
}
