package archfixtures.apiinternal.auth.api;

import archfixtures.apiinternal.auth.UserEntity;

/** Violates "api depends on nothing internal". */
public interface AuthApi {
    UserEntity find(String email);
}
