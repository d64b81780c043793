package io.hybridlicense.license;

import io.hybridlicense.auth.api.Plan;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
class PlanColumn implements AttributeConverter<Plan, String> {

    @Override
    public String convertToDatabaseColumn(Plan plan) {
        return plan == null ? null : plan.wireName();
    }

    @Override
    public Plan convertToEntityAttribute(String code) {
        return code == null ? null : Plan.of(code);
    }
}
