package archfixtures.platform.auth;

import archfixtures.platform.platform.Wiring;

/** Violates "no module depends on the application wiring". */
public class UsesWiring {
    Wiring wiring;
}
