package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.DriftDetected;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.Drift;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.EventStore.ConcurrentAppend;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.hybridlicense.schemasync.target.CatalogSnapshot;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compares every table of a data source whose changes are settled with the database's catalogue, and,
 * when asked to (never for a {@code GET}), records {@code DriftDetected} (or {@code DriftCleared}) where
 * that is news. The tables are read
 * before the catalogue and each event is appended only if nothing was appended since: a change
 * requested (and perhaps applied) meanwhile makes the comparison stale, so it is not recorded.
 */
@ApplicationScoped
class CheckDrift {

    private final DataSources dataSources;
    private final TableStreams streams;
    private final EventStore events;
    private final Catalogues catalogues;
    private final Event<DriftDetected> detected;

    CheckDrift(DataSources dataSources, TableStreams streams, EventStore events, Catalogues catalogues,
               Event<DriftDetected> detected) {
        this.dataSources = dataSources;
        this.streams = streams;
        this.events = events;
        this.catalogues = catalogues;
        this.detected = detected;
    }

    /** Compares without recording anything: what {@code GET …/drift} answers. */
    DriftReport compare(Caller caller, UUID datasourceId) {
        return check(visible(caller, datasourceId), null);
    }

    /** Compares and records what is news: what {@code POST …/drift} does. */
    DriftReport compareAndRecord(Caller caller, UUID datasourceId) {
        return check(visible(caller, datasourceId), caller.userId().toString());
    }

    /** The scheduled check's: compares and records, as the system. */
    DriftReport compareAndRecord(DataSourceRecord ds) {
        return check(ds, "system");
    }

    private DataSourceRecord visible(Caller caller, UUID datasourceId) {
        return dataSources.findVisible(caller, datasourceId, DataSources.Lock.NONE)
                .orElseThrow(() -> ProblemException.notFound("Data source " + datasourceId));
    }

    /** @param recordingActor who records the findings, or {@code null} to record nothing */
    private DriftReport check(DataSourceRecord ds, String recordingActor) {
        List<Table> tables = streams.tablesOf(ds.id()).stream().map(id -> Table.replay(id, ds.dialect(),
                events.load(id).stream().map(EventStore.Stored::event).toList())).toList();
        CatalogSnapshot snapshot = catalogues.read(ds);
        List<DriftReport.TableDrift> compared = new ArrayList<>();
        List<UUID> notChecked = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (Table table : tables) {
            held.addAll(table.heldNames());
            if (!table.pendingChanges().isEmpty()) {
                notChecked.add(table.id());
            } else if (table.confirmedShape().exists()) {
                List<Drift> drift = snapshot.drift(table.confirmedShape());
                if (recordingActor != null) {
                    record(ds, table, drift, recordingActor);
                }
                compared.add(new DriftReport.TableDrift(table.id(), table.confirmedShape().name(), TableQueries.driftViews(drift)));
            }
        }
        List<String> extra = snapshot.tableNames().stream().filter(name -> !held.contains(name.toLowerCase(Locale.ROOT))).toList();
        boolean inSync = extra.isEmpty() && compared.stream().allMatch(t -> t.drift().isEmpty());
        return new DriftReport(ds.id(), inSync, compared, extra, notChecked);
    }

    private void record(DataSourceRecord ds, Table table, List<Drift> drift, String actor) {
        List<TableEvent> news = table.recordDrift(drift);
        if (news.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                events.append(table.id(), table.eventCount(), news, Map.of("actorId", actor));
                if (news.stream().anyMatch(TableEvent.DriftDetected.class::isInstance)) {
                    detected.fire(new DriftDetected(table.id(), ds.id(), ds.ownerId(), TableQueries.driftViews(drift), actor));
                }
            });
        } catch (ConcurrentAppend movedOn) {
            // the table changed since it was read: this comparison is stale, the next one judges it again
        }
    }
}
