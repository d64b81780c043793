package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.eventstore.EventStore;
import java.time.Instant;
import java.util.Map;

/** One entry of {@code GET /api/v1/tables/{id}/events}. */
record EventView(int position, String type, int change, TableEvent data, Map<String, Object> metadata,
                 Instant occurredAt) {

    static EventView of(EventStore.Stored stored) {
        return new EventView(stored.version(), stored.event().getClass().getSimpleName(), stored.event().change(),
                stored.event(), stored.metadata(), stored.occurredAt());
    }
}
