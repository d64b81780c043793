package archfixtures.internaluse.license;

import archfixtures.internaluse.auth.internal.PasswordStore;

/** Violates "outside module M only M.api is used". */
public class ActivationService {
    PasswordStore store;
}
