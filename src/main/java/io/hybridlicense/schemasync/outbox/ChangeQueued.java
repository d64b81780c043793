package io.hybridlicense.schemasync.outbox;

import java.util.UUID;

/** In-process signal: a change was queued; the poller looks for work once the transaction commits. */
public record ChangeQueued(UUID tableId) {
}
