/**
 * Tables as the API sees them: the REST resource and its bodies, the use case that records a requested
 * change (events and outbox rows in one transaction), and the queries that replay a table's events.
 */
package io.hybridlicense.schemasync.table;
