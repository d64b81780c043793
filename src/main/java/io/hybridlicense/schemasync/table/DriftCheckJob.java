package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The scheduled drift check ({@code hl.schemasync.drift-check-interval}, off by default): every data
 * source in turn, recording {@code DriftDetected} where a database no longer matches its model. Several
 * instances may run it at once; the optimistic append records each finding once.
 */
@ApplicationScoped
class DriftCheckJob {

    private static final Logger LOG = Logger.getLogger(DriftCheckJob.class);

    private final DataSources dataSources;
    private final CheckDrift check;

    DriftCheckJob(DataSources dataSources, CheckDrift check) {
        this.dataSources = dataSources;
        this.check = check;
    }

    @Scheduled(identity = "schemasync-drift-check", every = "${hl.schemasync.drift-check-interval:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (DataSourceRecord ds : dataSources.list(null)) {
            try {
                check.compareAndRecord(ds);
            } catch (RuntimeException e) {
                LOG.infof("Drift check of data source %s skipped: %s", ds.id(), e.getMessage());
            }
        }
    }
}
