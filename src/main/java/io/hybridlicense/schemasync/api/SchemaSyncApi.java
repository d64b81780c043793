package io.hybridlicense.schemasync.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask of schemasync (read-only; changes go through its REST API). */
public interface SchemaSyncApi {

    /** The current state of a table, or empty when it does not exist. */
    Optional<TableView> table(UUID tableId);

    /** The tables of one data source, oldest first. */
    List<TableView> tablesOf(UUID datasourceId);

    /** Who owns a table (the user id as text), or empty when it does not exist. */
    Optional<String> ownerOfTable(UUID tableId);
}
