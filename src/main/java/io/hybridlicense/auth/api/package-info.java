/**
 * The public face of the auth module: the {@link io.hybridlicense.auth.api.AuthApi} facade, the
 * {@link io.hybridlicense.auth.api.SetupApi} that makes the first admin,
 * {@link io.hybridlicense.auth.api.SignedTokens} for module-specific JWTs, views (and
 * {@link io.hybridlicense.auth.api.SignedIn}, a sign-in's result, and
 * {@link io.hybridlicense.auth.api.Caller}, who is asking, from the access token), the
 * {@link io.hybridlicense.auth.api.SubscriptionDirectory} port that license implements, the
 * {@link io.hybridlicense.auth.api.PlanColumn} converter that stores a plan in any module's table, and events
 * ({@link io.hybridlicense.auth.api.UserRegistered}, {@link io.hybridlicense.auth.api.AdminRoleChanged},
 * {@link io.hybridlicense.auth.api.ApiKeyCreated}, {@link io.hybridlicense.auth.api.ApiKeyRevoked},
 * {@link io.hybridlicense.auth.api.ApiKeyRefused}); API keys' {@link io.hybridlicense.auth.api.ApiKeysApi} facade and views,
 * and {@link io.hybridlicense.auth.api.ApiKeyScope} / {@link io.hybridlicense.auth.api.ApiScope}, with which
 * every module's REST operations declare what a key needs to call them.
 * Nothing internal.
 */
package io.hybridlicense.auth.api;
