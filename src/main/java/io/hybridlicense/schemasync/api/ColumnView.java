package io.hybridlicense.schemasync.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of a table.
 *
 * @param type         a portable type: {@code integer}, {@code bigint}, {@code text}, {@code varchar(n)},
 *                     {@code boolean}, {@code numeric(p,s)}, {@code timestamp}, {@code date}, {@code uuid}, {@code json}
 * @param defaultValue the default as a JSON scalar, or {@code null}
 * @param generated    {@code identity} when the database numbers the column itself (PostgreSQL identity,
 *                     MariaDB/MySQL {@code AUTO_INCREMENT}, SQLite {@code INTEGER PRIMARY KEY}), else {@code null}
 */
public record ColumnView(String name, String type, boolean nullable,
                         @JsonProperty("default") Object defaultValue, boolean primaryKey, String generated) {
}
