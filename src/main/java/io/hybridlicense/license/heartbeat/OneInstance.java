package io.hybridlicense.license.heartbeat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The heartbeat jobs run on one instance at a time, in batches of one transaction each: each batch's
 * transaction first tries a transaction-level advisory lock named after the job and gives way if another
 * instance holds it.
 */
final class OneInstance {

    private OneInstance() {
    }

    /** One batch in its own transaction: how many rows it did, {@code -1} when another instance holds the job. */
    interface Batch {
        int run() throws SQLException;
    }

    /** Runs batches until one does less than {@code batchSize}; @return the rows done in all */
    static int drain(Batch batch, int batchSize) {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(batch::run);
            total += Math.max(0, done);
        } while (done == batchSize);
        return total;
    }

    /** @return whether this transaction now holds {@code job}'s lock (released at its end) */
    static boolean tryHold(Connection connection, String job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, job);
            try (ResultSet held = lock.executeQuery()) {
                return held.next() && held.getBoolean(1);
            }
        }
    }
}
