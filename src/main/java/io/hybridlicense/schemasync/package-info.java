/**
 * schemasync: "bring your own database". Users register external databases (PostgreSQL,
 * MariaDB/MySQL, SQLite) and change their tables and columns through the API. Every change is an
 * event of an event-sourced aggregate; a transactional outbox row, written with the event, is
 * applied asynchronously as idempotent DDL and answered by a confirming or rejecting event.
 *
 * <p>Exports through {@code api}: the {@code SchemaSyncApi} facade, table views and its events
 * ({@code SchemaChangeRequested}, {@code SchemaChangeConfirmed}, {@code SchemaChangeRejected},
 * {@code DataSourceRegistered}, {@code DataSourceDeleted}). Owns the schema {@code schemasync}. Uses
 * no other module (the caller's identity comes from the access token). The only module that connects
 * to users' databases.
 *
 * <p>Inside: {@code domain} (the aggregate), {@code target} (connections, DDL, introspection), and
 * here the use cases ({@code RegisterDataSource}, {@code RequestSchemaChange}, {@code ApplyQueuedChange},
 * {@code SettleChange}, …), the event store, the outbox and its poller (woken across instances by
 * PostgreSQL {@code NOTIFY}: {@code ChangeNotices}, {@code NoticeListener}), and the REST resources.
 * Design: {@code docs/schemasync.md} and ADR 0002.
 */
package io.hybridlicense.schemasync;
