package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.DataSourceDeleted;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Forgets a data source and its tables' registrations (their event history stays). Refused while a
 * change is queued: the row lock taken here and the share lock taken by every change request make
 * "no pending change" hold until the deletion commits. Never connects to the user's database.
 */
@ApplicationScoped
class DeleteDataSource {

    private final DataSources dataSources;
    private final Outbox outbox;
    private final Event<DataSourceDeleted> deleted;

    DeleteDataSource(DataSources dataSources, Outbox outbox, Event<DataSourceDeleted> deleted) {
        this.dataSources = dataSources;
        this.outbox = outbox;
        this.deleted = deleted;
    }

    @Transactional
    void delete(Caller caller, UUID id) {
        DataSourceRecord ds = dataSources.findVisible(caller, id, DataSources.Lock.UPDATE)
                .orElseThrow(() -> ProblemException.notFound("That data source"));
        if (outbox.hasPending(id)) {
            throw ProblemException.conflict("changes-pending", "Changes to this data source's tables are still pending");
        }
        dataSources.delete(id);
        deleted.fire(new DataSourceDeleted(id, ds.ownerId(), caller.userId().toString()));
    }
}
