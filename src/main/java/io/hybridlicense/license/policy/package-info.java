/**
 * Policies, plans and entitlements as data: the terms licenses live by ({@code Policies}, versioned,
 * audited, seats lowered under the policy's row lock), the plan catalogue naming them ({@code Plans}, also
 * auth's {@code PlanCatalogue}: self-registration's default plan), the entitlement catalogue and the codes
 * granted to single licenses ({@code Entitlements}), their admin endpoints under
 * {@code /api/v1/admin/policies}, {@code /plans}, {@code /entitlements} and
 * {@code /licenses/{id}/entitlements}, and the in-memory {@code PolicyCache} validation reads policies
 * from (at the version its batched read names; dropped on every instance by {@code NOTIFY
 * hl_license_policies}). Below the features, like {@code store}: activation, validation, lifecycle and
 * subscription use it; it uses none of them. See docs/auth-and-license.md#policies-plans-and-entitlements.
 */
package io.hybridlicense.license.policy;
