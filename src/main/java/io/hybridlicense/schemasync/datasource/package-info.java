/**
 * Users' registered databases: registration and deletion, their storage (passwords encrypted), the
 * REST resource, and {@code Targets}, which turns a stored data source into a connectable
 * {@code target.TargetSpec} after the address, core-database and SQLite-directory checks.
 */
package io.hybridlicense.schemasync.datasource;
