package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.schemasync.domain.Dialect;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A registered data source as stored; {@code secret} is the encrypted password. */
public record DataSourceRecord(UUID id, String ownerId, String name, Dialect dialect, String host, Integer port,
                        String database, String username, String file, Map<String, String> options, byte[] secret,
                        Instant createdAt) {
}
