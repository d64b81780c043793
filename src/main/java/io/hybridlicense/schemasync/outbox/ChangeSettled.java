package io.hybridlicense.schemasync.outbox;

import java.util.UUID;

/** In-process signal: a change of the table was confirmed or rejected; waiters look again once the transaction commits. */
record ChangeSettled(UUID tableId) {
}
