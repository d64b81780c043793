package io.hybridlicense.license.store;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.shared.LowerCaseEnumColumn;
import jakarta.persistence.Converter;

@Converter
class LicenseStatusColumn extends LowerCaseEnumColumn<LicenseStatus> {

    LicenseStatusColumn() {
        super(LicenseStatus.class);
    }
}
