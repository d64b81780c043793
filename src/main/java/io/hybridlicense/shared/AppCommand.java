package io.hybridlicense.shared;

/**
 * A command of the packaged application that runs instead of the server ({@code java -jar quarkus-run.jar
 * NAME ARGS…}, or the native binary with the same arguments): plain Java, before Quarkus starts, so it
 * neither serves nor connects to a database. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.hybridlicense.shared.AppCommand}).
 */
public interface AppCommand {

    /** The first argument that selects this command. */
    String name();

    /** Runs with all arguments (the name first) and returns the process's exit status. */
    int run(String... args);
}
