package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.api.SchemaChangeConfirmed;
import io.hybridlicense.schemasync.api.SchemaChangeRejected;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.ChangeKinds;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.EventStore.ConcurrentAppend;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Records the outcome of an applied change: the confirming or rejecting events and the outbox row's
 * end, in one transaction, and only while this server's claim on the row still holds (if the claim
 * expired and another server took the row, that server records the outcome instead).
 */
@ApplicationScoped
class SettleChange {

    /** Requests race an outcome only while they append; losing this often in a row means something else is wrong. */
    private static final int MAX_APPEND_RACES = 20;
    private static final int SETTLE_TIMEOUT_SECONDS = 10;

    private final DataSources dataSources;
    private final EventStore events;
    private final Outbox outbox;
    private final TableStreams streams;
    private final Event<SchemaChangeConfirmed> confirmed;
    private final Event<SchemaChangeRejected> rejected;
    private final Event<ChangeSettled> settled;
    /**
     * Which server process recorded an outcome (host and process id), kept in the events' metadata.
     * An instance field on purpose: a static one is computed once at native-image build time, and
     * every process of the binary then claimed the builder's pid.
     */
    private final String instance = hostName() + ":" + ProcessHandle.current().pid();

    SettleChange(DataSources dataSources, EventStore events, Outbox outbox, TableStreams streams,
                 Event<SchemaChangeConfirmed> confirmed, Event<SchemaChangeRejected> rejected, Event<ChangeSettled> settled) {
        this.dataSources = dataSources;
        this.events = events;
        this.outbox = outbox;
        this.streams = streams;
        this.confirmed = confirmed;
        this.rejected = rejected;
        this.settled = settled;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            return "unknown-host";
        }
    }

    /** @return false when the claim was no longer this server's: nothing was recorded */
    boolean confirm(Outbox.Claim claim, boolean alreadyApplied) {
        return settle(claim, table -> table.confirm(claim.changeVersion(), alreadyApplied));
    }

    /** @return false when the claim was no longer this server's: nothing was recorded */
    boolean reject(Outbox.Claim claim, String reason, String detail) {
        return settle(claim, table -> table.reject(claim.changeVersion(), reason, detail));
    }

    private boolean settle(Outbox.Claim claim, Function<Table, List<TableEvent>> decision) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().timeout(SETTLE_TIMEOUT_SECONDS).call(() -> settleOnce(claim, decision));
            } catch (ConcurrentAppend raced) {
                // a request appended to the same stream meanwhile: decide again on the fresh events
                if (attempt == MAX_APPEND_RACES) {
                    throw new IllegalStateException("Outcome of change " + claim.changeVersion() + " of " + claim.streamId()
                            + " lost " + MAX_APPEND_RACES + " append races in a row", raced);
                }
            }
        }
    }

    private boolean settleOnce(Outbox.Claim claim, Function<Table, List<TableEvent>> decision) {
        if (!outbox.stillOwned(claim)) {
            return false;
        }
        DataSourceRecord ds = dataSources.findCached(claim.datasourceId()).orElseThrow();
        Table table = Table.replay(claim.streamId(), ds.dialect(),
                events.load(claim.streamId()).stream().map(EventStore.Stored::event).toList());
        Map<Integer, String> kinds = new java.util.HashMap<>();
        table.pendingChanges().forEach((version, change) -> kinds.put(version, ChangeKinds.of(change)));
        List<TableEvent> decided = decision.apply(table);
        if (decided.isEmpty()) {
            // settled before (by an earlier run of this row): just close the row
            outbox.finish(claim.streamId(), claim.changeVersion(), table.syncedVersion() >= claim.changeVersion() ? "done" : "rejected");
            return true;
        }
        java.util.Set<String> namesBefore = table.heldNames();
        events.append(claim.streamId(), table.eventCount(), decided, Map.of("actorId", "system", "instance", instance));
        decided.forEach(table::apply);
        for (TableEvent event : decided) {
            String kind = kinds.get(event.change());
            if (event instanceof TableEvent.ChangeConfirmed c) {
                outbox.finish(claim.streamId(), c.change(), "done");
                confirmed.fire(new SchemaChangeConfirmed(claim.streamId(), ds.id(), c.change(), kind, c.alreadyApplied()));
            } else if (event instanceof TableEvent.ChangeRejected r) {
                outbox.finish(claim.streamId(), r.change(), "rejected");
                rejected.fire(new SchemaChangeRejected(claim.streamId(), ds.id(), r.change(), kind, r.reason(), r.detail()));
            }
        }
        if (!table.heldNames().equals(namesBefore)) {
            streams.hold(ds.id(), table.id(), table.heldNames());
        }
        settled.fire(new ChangeSettled(table.id()));
        return true;
    }
}
