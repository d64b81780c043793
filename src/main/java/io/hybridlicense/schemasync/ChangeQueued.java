package io.hybridlicense.schemasync;

import java.util.UUID;

/** In-process signal: a change was queued; the poller looks for work once the transaction commits. */
record ChangeQueued(UUID tableId) {
}
