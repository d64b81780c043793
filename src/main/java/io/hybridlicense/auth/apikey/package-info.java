/**
 * auth's API keys: long-lived secrets ({@code hl_…}) with scopes, for vendors' servers. Created, listed and
 * revoked under {@code /api/v1/api-keys} (a user's own) and {@code /api/v1/admin/api-keys} (back office);
 * presented as {@code Authorization: Bearer hl_…} wherever an access token works
 * ({@link io.hybridlicense.auth.apikey.ApiKeyMechanism}), limited to the scope each operation declares
 * ({@link io.hybridlicense.auth.api.ApiKeyScope}, checked by {@link io.hybridlicense.auth.apikey.ApiKeyScopeCheck}).
 * Uses auth's rate limits ({@code LoginThrottle}) and configuration; auth's root does not use this package.
 */
package io.hybridlicense.auth.apikey;
