/**
 * schemasync: "bring your own database". Users register external databases (PostgreSQL,
 * MariaDB/MySQL, SQLite) and change their tables and columns through the API. Every change is an
 * event of an event-sourced aggregate; a transactional outbox row, written with the event, is
 * applied asynchronously as idempotent DDL and answered by a confirming or rejecting event.
 *
 * <p>Exports through {@code api}: the {@code SchemaSyncApi} facade, table views and its events
 * ({@code SchemaChangeConfirmed}, {@code SchemaChangeRejected}, …). Owns the schema
 * {@code schemasync}. Uses {@code auth.api}. The only module that connects to users' databases.
 */
package io.hybridlicense.schemasync;
