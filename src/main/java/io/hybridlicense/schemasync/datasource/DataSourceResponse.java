package io.hybridlicense.schemasync.datasource;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A data source as the API shows it: never its password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DataSourceResponse(UUID datasourceId, String name, String kind, String host, Integer port, String database,
                          String username, String file, Map<String, String> options, Instant createdAt) {

    static DataSourceResponse of(DataSourceRecord ds) {
        return new DataSourceResponse(ds.id(), ds.name(), ds.dialect().apiName(), ds.host(), ds.port(), ds.database(),
                ds.username(), ds.file(), ds.options().isEmpty() ? null : ds.options(), ds.createdAt());
    }
}
