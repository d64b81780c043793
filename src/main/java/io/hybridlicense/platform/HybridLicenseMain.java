package io.hybridlicense.platform;

import io.hybridlicense.shared.AppCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.ServiceLoader;

/**
 * The server, or a command of the package that runs before and instead of it ({@link AppCommand}, e.g.
 * {@code verify-license-file}, and with the embedded default {@code restore <backup> [--wipe]}): plain
 * Java, so a command neither serves nor migrates nor connects to a database, and works the same from the
 * native binary (which has no embedded code, hence no {@code restore}).
 */
@QuarkusMain
public final class HybridLicenseMain {

    private HybridLicenseMain() {
    }

    public static void main(String... args) {
        if (args.length > 0) {
            run(ServiceLoader.load(AppCommand.class), args);
            run(ServiceLoader.load(EmbeddedCommand.class), args);
        }
        Quarkus.run(args);
    }

    private static void run(Iterable<? extends AppCommand> commands, String... args) {
        for (AppCommand command : commands) {
            if (command.name().equals(args[0])) {
                System.exit(command.run(args));
            }
        }
    }
}
