package io.hybridlicense.auth;

import io.hybridlicense.auth.api.Plan;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores plans by their wire names, which the table's CHECK constraint lists. */
@Converter
class PlanColumn implements AttributeConverter<Plan, String> {

    @Override
    public String convertToDatabaseColumn(Plan plan) {
        return plan == null ? null : plan.wireName();
    }

    @Override
    public Plan convertToEntityAttribute(String name) {
        return name == null ? null : Plan.of(name);
    }
}
