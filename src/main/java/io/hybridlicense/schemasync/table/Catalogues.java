package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.Targets;
import io.hybridlicense.schemasync.target.CatalogSnapshot;
import io.hybridlicense.schemasync.target.ChangeFailure;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Reads a user's database's catalogue for a request; a database that cannot be read answers 502. */
@ApplicationScoped
class Catalogues {

    private static final Logger LOG = Logger.getLogger(Catalogues.class);

    private final Targets targets;

    Catalogues(Targets targets) {
        this.targets = targets;
    }

    /** @throws ProblemException {@code 502 datasource-unreachable}, one sentence whatever the cause */
    CatalogSnapshot read(DataSourceRecord ds) {
        try {
            return targets.snapshot(ds);
        } catch (ChangeFailure failure) {
            LOG.infof("Catalogue of data source %s not readable: %s", ds.id(), failure.getMessage());
            throw new ProblemException(Problem.of(502, "datasource-unreachable", "Bad Gateway",
                    "The database could not be reached, or refused the connection or its credentials"));
        }
    }
}
