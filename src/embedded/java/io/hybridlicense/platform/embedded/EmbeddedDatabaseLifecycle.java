package io.hybridlicense.platform.embedded;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells the embedded database when the application runs, so that on SIGTERM it stops only after the
 * application's graceful shutdown (which still uses it) and not side by side with it.
 */
@ApplicationScoped
class EmbeddedDatabaseLifecycle {

    void onStart(@Observes StartupEvent event) {
        EmbeddedDatabase.applicationStarted();
    }

    /** The last shutdown observer: the others (schemasync releasing its claims) still need the database. */
    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.applicationStopped();
    }
}
