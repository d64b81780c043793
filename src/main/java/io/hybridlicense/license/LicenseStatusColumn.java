package io.hybridlicense.license;

import io.hybridlicense.license.api.LicenseStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores statuses by their wire names, which the table's CHECK constraint lists. */
@Converter
class LicenseStatusColumn implements AttributeConverter<LicenseStatus, String> {

    @Override
    public String convertToDatabaseColumn(LicenseStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public LicenseStatus convertToEntityAttribute(String name) {
        return name == null ? null : LicenseStatus.of(name);
    }
}
