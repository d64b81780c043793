package archfixtures.authfeatures.auth;

import archfixtures.authfeatures.auth.apikey.ApiKeys;

/** Violates the rule on purpose: auth's root reaches into its api-key feature. */
public class Accounts {
    ApiKeys keys = new ApiKeys();
}
