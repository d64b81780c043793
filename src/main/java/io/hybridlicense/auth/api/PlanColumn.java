package io.hybridlicense.auth.api;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * How a {@link Plan} is stored: its code ({@code free}, {@code pro}, {@code enterprise} or any plan of
 * license's catalogue). For the entities of every module that keeps a plan (auth's users, license's
 * subscriptions).
 */
@Converter
public class PlanColumn implements AttributeConverter<Plan, String> {

    @Override
    public String convertToDatabaseColumn(Plan plan) {
        return plan == null ? null : plan.wireName();
    }

    @Override
    public Plan convertToEntityAttribute(String code) {
        return code == null ? null : Plan.of(code);
    }
}
