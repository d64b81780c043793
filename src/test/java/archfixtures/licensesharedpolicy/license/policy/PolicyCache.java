package archfixtures.licensesharedpolicy.license.policy;

import archfixtures.licensesharedpolicy.license.validation.ValidateLicense;

/** Violates "license's policy uses no feature": the cache validates licenses itself. */
public class PolicyCache {
    ValidateLicense validation;
}
