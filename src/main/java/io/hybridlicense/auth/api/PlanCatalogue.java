package io.hybridlicense.auth.api;

/**
 * Implemented by the module that keeps the plans (license), so that auth can start a self-service
 * account on the default plan without depending on that module.
 */
public interface PlanCatalogue {

    /** The plan a self-service sign-up starts on. */
    Plan defaultPlan();
}
