package archfixtures.synctarget.schemasync.target;

import archfixtures.synctarget.schemasync.datasource.DataSourceRecord;
import archfixtures.synctarget.schemasync.domain.SchemaChange;

/**
 * Violates "schemasync's target uses only the domain": it reads a stored data source record. (Its use of
 * the domain's {@code SchemaChange} is allowed, and must not be what fails the rule.)
 */
public class ChangeApplier {
    void apply(DataSourceRecord where, SchemaChange change) {
    }
}
