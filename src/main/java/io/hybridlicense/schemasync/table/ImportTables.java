package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.domain.TableShape;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.hybridlicense.schemasync.target.CatalogSnapshot;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes over tables that already exist in a user's database: one stream per table, starting with
 * {@code TableImported} (synced at once, no DDL). All named tables or none: a table another stream
 * already holds is a 409 naming it, and the name claims make two imports of one table at once end
 * with exactly one owner.
 */
@ApplicationScoped
class ImportTables {

    private final DataSources dataSources;
    private final TableStreams streams;
    private final EventStore events;
    private final Catalogues catalogues;
    private final TableQueries queries;

    ImportTables(DataSources dataSources, TableStreams streams, EventStore events, Catalogues catalogues, TableQueries queries) {
        this.dataSources = dataSources;
        this.streams = streams;
        this.events = events;
        this.catalogues = catalogues;
        this.queries = queries;
    }

    /** @param requested the tables to import, or {@code null} for every table no stream holds yet */
    List<TableView> importTables(Caller caller, UUID datasourceId, List<String> requested) {
        DataSourceRecord ds = dataSources.findVisible(caller, datasourceId, DataSources.Lock.NONE)
                .orElseThrow(() -> ProblemException.notFound("Data source " + datasourceId));
        CatalogSnapshot snapshot = catalogues.read(ds); // outside the transaction: the user's database may be slow
        List<String> names = requested == null ? unmanaged(snapshot, datasourceId) : existing(snapshot, requested);
        List<UUID> imported = QuarkusTransaction.requiringNew().call(() -> {
            dataSources.findForShare(datasourceId).orElseThrow(() -> ProblemException.notFound("Data source " + datasourceId));
            List<UUID> ids = new ArrayList<>();
            for (String name : names) {
                ids.add(importOne(caller, ds, snapshot.shape(name, null)));
            }
            return ids;
        });
        return imported.stream().map(queries::table).flatMap(Optional::stream).toList();
    }

    private UUID importOne(Caller caller, DataSourceRecord ds, TableShape shape) {
        UUID tableId = UUID.randomUUID();
        Table table = Table.replay(tableId, ds.dialect(), List.of());
        List<TableEvent> decided = table.importTable(ds.id(), shape.name(), shape.columns());
        streams.register(tableId, ds.id(), ds.ownerId());
        events.append(tableId, 0, decided, Map.of("actorId", caller.userId().toString()));
        decided.forEach(table::apply);
        streams.hold(ds.id(), tableId, table.heldNames()).ifPresent(taken -> {
            throw ProblemException.conflict("already-managed", "Table '" + shape.name() + "' is already managed by schemasync");
        });
        return tableId;
    }

    private static List<String> existing(CatalogSnapshot snapshot, List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            int index = i;
            String name = snapshot.find(requested.get(i)).orElseThrow(() -> new ProblemException(Problem.of(422,
                    "unknown-table", "Unprocessable Content", "tables[" + index + "] names no table of the database")));
            if (!names.add(name)) {
                throw ProblemException.badRequest("invalid-import", "tables[" + index + "] names a table already listed");
            }
        }
        return List.copyOf(names);
    }

    private List<String> unmanaged(CatalogSnapshot snapshot, UUID datasourceId) {
        Set<String> held = streams.heldNames(datasourceId);
        return snapshot.tableNames().stream().filter(name -> !held.contains(name.toLowerCase(Locale.ROOT))).toList();
    }
}
