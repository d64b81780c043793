/**
 * schemasync: "bring your own database". Users register external databases (PostgreSQL,
 * MariaDB/MySQL, SQLite) and change their tables and columns through the API. Every change is an
 * event of an event-sourced aggregate; a transactional outbox row, written with the event, is
 * applied asynchronously as idempotent DDL and answered by a confirming or rejecting event.
 *
 * <p>Exports through {@code api}: the {@code SchemaSyncApi} facade, table views and its events
 * ({@code SchemaChangeRequested}, {@code SchemaChangeConfirmed}, {@code SchemaChangeRejected},
 * {@code DataSourceRegistered}, {@code DataSourceDeleted}). Owns the schema {@code schemasync}. Uses
 * only {@code auth.api}'s {@code Caller} (the caller's identity, from the access token); its console
 * pages use the console's {@code api} (notices, paths), as every module's console pages do. The only
 * module that connects to users' databases.
 *
 * <p>Inside, the folders follow the data's way: {@code table} (REST, requests, the use case that
 * records a change, queries) → {@code eventstore} (events, streams, outbox rows, one transaction) →
 * {@code outbox} (poller, dispatcher, applying and settling a change, cross-instance notices) →
 * {@code target} (connections, DDL, introspection of users' databases). {@code datasource} registers
 * the databases and makes connectable targets of them; {@code domain} is the pure aggregate. Here at
 * the root: only the module's settings. {@code domain} and {@code target} use nothing else of the
 * module ({@code target} uses {@code domain}), checked by ArchitectureTest.
 * Design: {@code docs/schemasync.md} and ADR 0002.
 */
package io.hybridlicense.schemasync;
