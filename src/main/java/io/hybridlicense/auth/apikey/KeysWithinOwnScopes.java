package io.hybridlicense.auth.apikey;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API-key endpoints themselves: any key may call them, and what it does there is bounded by the key
 * ({@link ApiKeyRules}): it creates only keys with no more scopes and no longer life than its own, and
 * revokes only keys with no more scopes than its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface KeysWithinOwnScopes {
}
