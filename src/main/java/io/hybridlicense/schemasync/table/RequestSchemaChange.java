package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.SchemaChangeRequested;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.ChangeKinds;
import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.SchemaChange;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.EventStore.ConcurrentAppend;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.hybridlicense.schemasync.outbox.ChangeQueued;
import io.hybridlicense.schemasync.table.SchemaChangeCommand.ColumnInput;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records a requested change: the aggregate decides, the events are appended (optimistically) and one
 * outbox row per change is written, all in one transaction; the poller is woken once it commits.
 */
@ApplicationScoped
class RequestSchemaChange {

    private static final int MAX_TRIES = 50;

    /**
     * What the API answers: the table and the version the change introduced.
     *
     * @param queued whether DDL was queued (else the events took effect at once, as adopting does)
     */
    record Accepted(UUID tableId, int version, boolean queued) {
    }

    private final DataSources dataSources;
    private final TableStreams streams;
    private final EventStore events;
    private final Outbox outbox;
    private final Event<SchemaChangeRequested> requested;
    private final Event<ChangeQueued> queued;

    RequestSchemaChange(DataSources dataSources, TableStreams streams, EventStore events, Outbox outbox,
                        Event<SchemaChangeRequested> requested, Event<ChangeQueued> queued) {
        this.dataSources = dataSources;
        this.streams = streams;
        this.events = events;
        this.outbox = outbox;
        this.requested = requested;
        this.queued = queued;
    }

    Accepted create(Caller caller, UUID datasourceId, String name, List<ColumnInput> columns) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DataSourceRecord ds = dataSources.findVisible(caller, datasourceId, DataSources.Lock.SHARE)
                    .orElseThrow(() -> ProblemException.notFound("Data source " + datasourceId));
            UUID tableId = UUID.randomUUID();
            Table table = Table.replay(tableId, ds.dialect(), List.of());
            List<TableEvent> decided = table.create(datasourceId, name, definitions(columns, ds));
            streams.register(tableId, datasourceId, ds.ownerId());
            return record(caller, ds, table, decided);
        });
    }

    private static List<ColumnDefinition> definitions(List<ColumnInput> columns, DataSourceRecord ds) {
        List<ColumnDefinition> definitions = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            try {
                definitions.add(columns.get(i).toDefinition(ds.dialect()));
            } catch (ChangeRefused refused) {
                throw refused.under("columns[" + i + "]");
            }
        }
        return definitions;
    }

    /** @param ifMatch the version the client last saw, or {@code null} to apply on top of whatever is there */
    Accepted change(Caller caller, UUID tableId, Integer ifMatch, SchemaChangeCommand command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    TableStreams.Registration registration = streams.find(tableId)
                            .filter(r -> caller.canSee(r.ownerId()))
                            .orElseThrow(() -> ProblemException.notFound("Table " + tableId));
                    DataSourceRecord ds = dataSources.findForShare(registration.datasourceId()).orElseThrow();
                    List<TableEvent> history = events.load(tableId).stream().map(EventStore.Stored::event).toList();
                    Table table = Table.replay(tableId, ds.dialect(), history);
                    if (ifMatch != null && ifMatch != table.version()) {
                        throw stale(table.version());
                    }
                    return record(caller, ds, table, command.decide(table, ds.dialect(), history));
                });
            } catch (ConcurrentAppend raced) {
                // Decide again on the fresh events; with If-Match that re-checks the version, since an
                // outcome appended meanwhile does not change the version the client saw.
                if (attempt == MAX_TRIES) {
                    throw raced;
                }
            }
        }
    }

    Accepted record(Caller caller, DataSourceRecord ds, Table table, List<TableEvent> decided) {
        java.util.Set<String> namesBefore = table.heldNames();
        events.append(table.id(), table.eventCount(), decided, Map.of("actorId", caller.userId().toString()));
        decided.forEach(table::apply);
        if (!table.heldNames().equals(namesBefore)) {
            streams.hold(ds.id(), table.id(), table.heldNames()).ifPresent(taken -> {
                throw ProblemException.conflict("table-name-taken", "Another table of this data source uses that name");
            });
        }
        boolean queuedAny = false;
        for (TableEvent event : decided) {
            if (!event.queuesDdl()) {
                continue;
            }
            queuedAny = true;
            SchemaChange change = table.pendingChange(event.change());
            String kind = ChangeKinds.of(change);
            outbox.enqueue(table.id(), event.change(), ds.id(), kind, change.table());
            requested.fire(new SchemaChangeRequested(table.id(), ds.id(), event.change(), kind, change.table(), caller.userId().toString()));
        }
        if (queuedAny) {
            queued.fire(new ChangeQueued(table.id()));
        }
        return new Accepted(table.id(), table.version(), queuedAny);
    }

    private static ProblemException stale(int current) {
        return new ProblemException(Problem.of(412, "version-mismatch", "Precondition Failed",
                "The table is at version " + current + "; read it again and retry with If-Match: \"" + current + "\""),
                Map.of("ETag", "\"" + current + "\""));
    }
}
