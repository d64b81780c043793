package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.ColumnView;
import io.hybridlicense.schemasync.api.DriftView;
import io.hybridlicense.schemasync.domain.Drift;
import io.hybridlicense.schemasync.api.SchemaSyncApi;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.domain.TableStatus;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads tables by replaying their events: now, at a version, or at a moment in the past. */
@ApplicationScoped
class TableQueries implements SchemaSyncApi {

    private final TableStreams streams;
    private final DataSources dataSources;
    private final EventStore events;
    private final Outbox outbox;

    TableQueries(TableStreams streams, DataSources dataSources, EventStore events, Outbox outbox) {
        this.streams = streams;
        this.dataSources = dataSources;
        this.events = events;
        this.outbox = outbox;
    }

    @Override
    public Optional<TableView> table(UUID tableId) {
        return streams.find(tableId).flatMap(r -> replay(r, stored -> true, true));
    }

    @Override
    public List<TableView> tablesOf(UUID datasourceId) {
        return streams.tablesOf(datasourceId).stream().map(this::table).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<String> ownerOfTable(UUID tableId) {
        return streams.find(tableId).map(TableStreams.Registration::ownerId);
    }

    Optional<TableStreams.Registration> registration(Caller caller, UUID tableId) {
        return streams.find(tableId).filter(r -> caller.canSee(r.ownerId()));
    }

    /** The table as defined by its changes 1..{@code version} and their outcomes. */
    Optional<TableView> atVersion(TableStreams.Registration registration, int version) {
        return replay(registration, stored -> stored.event().change() <= version, false);
    }

    /** The table as the model knew it at {@code moment}. */
    Optional<TableView> asOf(TableStreams.Registration registration, Instant moment) {
        return replay(registration, stored -> !stored.occurredAt().isAfter(moment), false);
    }

    List<EventStore.Stored> history(UUID tableId) {
        return events.load(tableId);
    }

    private Optional<TableView> replay(TableStreams.Registration registration, Predicate<EventStore.Stored> filter,
                                       boolean current) {
        var ds = dataSources.find(registration.datasourceId()).orElseThrow();
        List<TableEvent> selected = events.load(registration.tableId()).stream().filter(filter)
                .map(EventStore.Stored::event).toList();
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        Table table = Table.replay(registration.tableId(), ds.dialect(), selected);
        return Optional.of(view(table, current));
    }

    private TableView view(Table table, boolean current) {
        String lastError = null;
        if (table.status() == TableStatus.PENDING && current) {
            lastError = outbox.currentError(table.id()).orElse(null);
        } else if (table.status() == TableStatus.REJECTED) {
            lastError = table.lastRejection().reason() + ": " + table.lastRejection().detail();
        }
        List<ColumnView> columns = table.latest().columns().stream()
                .map(c -> new ColumnView(c.name(), c.type(), c.nullable(), c.defaultValue(), c.primaryKey(), c.generated())).toList();
        return new TableView(table.id(), table.datasourceId(), table.latest().name(), columns,
                table.status().name().toLowerCase(Locale.ROOT), table.version(), table.syncedVersion(), lastError,
                driftViews(table.drift()));
    }

    static List<DriftView> driftViews(List<Drift> drift) {
        return drift.stream().map(d -> new DriftView(d.kind(), d.column(), d.expected(), d.actual())).toList();
    }
}
