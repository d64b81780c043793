package io.hybridlicense.platform.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server reached as a superuser (the embedded database's owner): where a restore creates a
 * database, migrates and fills it, and swaps it for the one it replaces.
 *
 * @param runtimeRole the role the migrations grant row access to
 */
public record PostgresServer(String host, int port, String superuser, String password, String runtimeRole) {

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), superuser, password);
    }

    /** The application's migrations, run as the superuser on {@code database}. */
    public FlywayMigrations migrations(String database) {
        return FlywayMigrations.ofApplication(url(database), superuser, password, runtimeRole);
    }

    @Override
    public String toString() {
        return "PostgresServer[" + host + ":" + port + ", " + superuser + "]";
    }
}
