package io.hybridlicense.license.store;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps the reporting counts small: the triggers write one row per status, plan or UTC day and database
 * backend process (so concurrent transactions never wait for each other's counter), and
 * license.compact_counts folds those rows into one per status, plan and day without changing any sum. The runtime role cannot write
 * the counts; the function (the migration owner's, SECURITY DEFINER) can. Safe with several instances:
 * a compaction running elsewhere makes this one return at once.
 */
@ApplicationScoped
class CountsCompactionJob {

    private final DataSource database;

    CountsCompactionJob(DataSource database) {
        this.database = database;
    }

    @Scheduled(every = "${hl.license.counts.compact-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        compact();
    }

    void compact() {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SELECT license.compact_counts()");
        } catch (SQLException e) {
            throw new IllegalStateException("Compacting the license counts failed", e);
        }
    }
}
