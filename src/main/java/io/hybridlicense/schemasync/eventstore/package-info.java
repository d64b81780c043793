/**
 * What schemasync keeps in its own PostgreSQL schema and writes in one transaction: the append-only
 * event store, the table streams with the names they hold, and the outbox rows (claim, lease, finish).
 * Depends on the domain only; the outbox's processing is in {@code outbox}.
 */
package io.hybridlicense.schemasync.eventstore;
