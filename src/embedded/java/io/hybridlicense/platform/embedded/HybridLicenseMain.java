package io.hybridlicense.platform.embedded;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The server, or with {@code restore <backup> [--wipe]} the restore of a backup into the embedded database
 * ({@link RestoreCommand}), which runs before and instead of the application: nothing may migrate,
 * seed or serve while the data is replaced. (The native binary has no embedded database and keeps
 * Quarkus's own entry point.)
 */
@QuarkusMain
public final class HybridLicenseMain {

    private HybridLicenseMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && RestoreCommand.NAME.equals(args[0])) {
            System.exit(RestoreCommand.run(args));
        }
        Quarkus.run(args);
    }
}
