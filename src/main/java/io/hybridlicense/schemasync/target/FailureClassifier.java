package io.hybridlicense.schemasync.target;

import io.hybridlicense.shared.ProblemException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts failures into transient (retry later: the database is unreachable, busy, locked, out of
 * resources, or the statement timed out) and permanent (the database understood the request and said
 * no: refused credentials, a missing database or table, a definition it rejects; or this server
 * refuses the target). Decided by SQLSTATE class where the dialect sets a meaningful one (PostgreSQL,
 * MariaDB/MySQL), by vendor code where it does not (MariaDB's generic {@code HY000}, SQLite's result
 * codes), never by message text.
 */
final class FailureClassifier {

    /** 08 connection, 40 serialization failure/deadlock, 53 insufficient resources, 57 cancelled (timeout), shutdown, 58 I/O. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** Lock not available, object in use, MariaDB "query interrupted", ODBC-style timeouts. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "55006", "70100", "HYT00", "HYT01");
    /** MariaDB/MySQL under a generic state: too many connections, lock wait, deadlock, interrupted, statement/execution timeout, client connection errors. */
    private static final Set<Integer> TRANSIENT_MYSQL_CODES = Set.of(1040, 1205, 1213, 1317, 1969, 3024,
            2002, 2003, 2006, 2013);
    /** SQLite: busy, locked. Anything else (cannot open, no such table, constraint) is its verdict. */
    private static final Set<Integer> TRANSIENT_SQLITE_CODES = Set.of(5, 6);
    private static final String PROBLEM_TYPE_PREFIX = "urn:hybrid-license:problem:";

    private FailureClassifier() {
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof ProblemException || failure instanceof IllegalArgumentException) {
            return false; // this server refuses the target (allowlist, SQLite path, core database): retrying cannot help
        }
        if (!(failure instanceof SQLException sql)) {
            return true; // an I/O or driver failure: not the database's verdict
        }
        if (sql.getClass().getName().startsWith("org.sqlite")) {
            return TRANSIENT_SQLITE_CODES.contains(sql.getErrorCode() & 0xff);
        }
        String state = sql.getSQLState();
        if (state != null && state.length() == 5) {
            if (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state)) {
                return true;
            }
            if (!state.startsWith("HY")) {
                return false; // a definite class: 28 credentials, 3D missing database, 42 syntax or missing object, …
            }
        }
        return TRANSIENT_MYSQL_CODES.contains(sql.getErrorCode())
                || sql instanceof SQLTransientException || sql instanceof SQLRecoverableException || state == null;
    }

    /** The slug of a permanent failure this server raised itself, {@code target-rejected} for the database's own. */
    static String permanentReason(Throwable failure) {
        if (failure instanceof ProblemException problem && problem.problem().type().startsWith(PROBLEM_TYPE_PREFIX)) {
            return problem.problem().type().substring(PROBLEM_TYPE_PREFIX.length());
        }
        return failure instanceof IllegalArgumentException ? "target-refused" : "target-rejected";
    }

    /** The database's own message, without stack traces; it never contains the password we sent. */
    static String describe(Throwable failure) {
        String message = failure instanceof ProblemException problem ? problem.problem().detail() : failure.getMessage();
        message = message == null ? failure.getClass().getSimpleName() : message;
        String state = failure instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        String text = message.strip() + state;
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
