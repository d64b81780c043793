package io.hybridlicense.schemasync.target;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts failures into transient (retry later: the database is unreachable, busy, locked, or timed out)
 * and permanent (the database understood the DDL and refused it).
 */
final class FailureClassifier {

    /** SQLSTATE classes and codes that say "not now" rather than "no". */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "28", "40", "53", "57");
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "3D000", "55006", "58000", "58030", "HYT00", "HYT01");
    /** MariaDB/MySQL: lock wait, deadlock, too many connections, access denied, unknown database, client errors. */
    private static final Set<Integer> TRANSIENT_MYSQL_CODES = Set.of(1040, 1044, 1045, 1049, 1203, 1205, 1213,
            2002, 2003, 2006, 2013, 3024);
    /** SQLite: busy, locked, cannot open. */
    private static final Set<Integer> TRANSIENT_SQLITE_CODES = Set.of(5, 6, 14);

    private FailureClassifier() {
    }

    static boolean isTransient(Throwable failure) {
        if (!(failure instanceof SQLException sql)) {
            return true; // an I/O or driver failure: not the database's verdict on the DDL
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state != null && state.length() == 5
                && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state))) {
            return true;
        }
        String driver = sql.getClass().getName();
        if (driver.startsWith("org.sqlite")) {
            return TRANSIENT_SQLITE_CODES.contains(sql.getErrorCode() & 0xff);
        }
        return TRANSIENT_MYSQL_CODES.contains(sql.getErrorCode());
    }

    /** The database's own message, without stack traces; it never contains the password we sent. */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String state = failure instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        String text = message.strip() + state;
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
