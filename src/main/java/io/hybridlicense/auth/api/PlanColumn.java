package io.hybridlicense.auth.api;

import io.hybridlicense.shared.LowerCaseEnumColumn;
import jakarta.persistence.Converter;

/**
 * How a {@link Plan} is stored: its wire name ({@code free}, {@code pro}, {@code enterprise}), the form
 * the tables' CHECK constraints use. For the entities of every module that keeps a plan (auth's users,
 * license's subscriptions).
 */
@Converter
public class PlanColumn extends LowerCaseEnumColumn<Plan> {

    public PlanColumn() {
        super(Plan.class);
    }
}
