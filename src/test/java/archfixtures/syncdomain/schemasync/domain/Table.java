package archfixtures.syncdomain.schemasync.domain;

import archfixtures.syncdomain.schemasync.eventstore.EventStore;

/** Violates "schemasync's domain uses nothing else of the module": the aggregate loads its own events. */
public class Table {
    EventStore store;
}
