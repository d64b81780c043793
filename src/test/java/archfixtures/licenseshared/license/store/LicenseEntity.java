package archfixtures.licenseshared.license.store;

import archfixtures.licenseshared.license.lifecycle.ChangeLicenseStatus;

/** Violates "license's store uses no feature": the entity applies a status change itself. */
public class LicenseEntity {
    ChangeLicenseStatus changes;
}
