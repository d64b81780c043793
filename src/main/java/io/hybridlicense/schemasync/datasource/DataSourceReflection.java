package io.hybridlicense.schemasync.datasource;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The data source types Jackson reads and writes that Quarkus cannot discover from REST signatures,
 * registered for the native image (the table side is in {@code table.SchemaSyncReflection}).
 */
@RegisterForReflection(targets = {DataSourceRecord.class, DataSourceResponse.class})
final class DataSourceReflection {

    private DataSourceReflection() {
    }
}
