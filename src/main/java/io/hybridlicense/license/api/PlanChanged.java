package io.hybridlicense.license.api;

import java.util.UUID;

/**
 * An admin created, updated or deleted a plan of the catalogue; fired inside the transaction that made it.
 *
 * @param change    {@code created}, {@code updated} or {@code deleted}
 * @param policyId  the policy the plan names after the change ({@code null} once deleted)
 * @param isDefault whether self-registration starts on it
 */
public record PlanChanged(String plan, String change, UUID policyId, boolean isDefault, UUID actorId) {
}
