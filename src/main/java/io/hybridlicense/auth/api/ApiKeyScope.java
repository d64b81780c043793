package io.hybridlicense.auth.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API key needs to call a REST operation (on the method, or on the resource class for all
 * its methods; the method's wins). Checked in one place for every request made with a key: an operation
 * without it refuses keys (403 {@code api-key-not-allowed}), a key without the scope gets 403
 * {@code missing-scope} naming it. Access tokens are not affected: their roles decide as before.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApiKeyScope {

    ApiScope value();
}
