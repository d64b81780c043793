package io.hybridlicense.license.store;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.shared.LowerCaseEnumColumn;
import jakarta.persistence.Converter;

@Converter
class PlanColumn extends LowerCaseEnumColumn<Plan> {

    PlanColumn() {
        super(Plan.class);
    }
}
