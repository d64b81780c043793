package archfixtures.licensefeatures.license.activation;

import archfixtures.licensefeatures.license.subscription.Subscriptions;

/** Violates "license's features use no other feature": activation reads the plan through subscription's use case. */
public class ActivateLicense {
    Subscriptions subscriptions;
}
