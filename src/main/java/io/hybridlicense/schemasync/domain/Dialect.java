package io.hybridlicense.schemasync.domain;

import java.util.Locale;

/** The kinds of user databases schemasync can change; each has its own reserved words and limits. */
public enum Dialect {
    POSTGRESQL, MARIADB, MYSQL, SQLITE;

    /** The name used in the API ({@code postgresql}, {@code mariadb}, {@code mysql}, {@code sqlite}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dialect fromApiName(String kind) {
        for (Dialect dialect : values()) {
            if (dialect.apiName().equals(kind)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("Unknown kind " + kind);
    }

    /** MariaDB and MySQL cannot roll DDL back; PostgreSQL and SQLite can. */
    public boolean hasTransactionalDdl() {
        return this == POSTGRESQL || this == SQLITE;
    }
}
