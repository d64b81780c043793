package io.hybridlicense.auth;

import io.hybridlicense.shared.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the configured first admin at start when no account has that email. An existing account
 * is left as it is, even if it is no admin: otherwise whoever registered the address first would
 * become admin.
 */
@ApplicationScoped
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final AuthConfig.FirstAdmin config;

    FirstAdmin(Accounts accounts, AuthConfig config) {
        this.accounts = accounts;
        this.config = config.firstAdmin();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        String email = config.email().get().strip();
        if (config.password().get().length() < AuthRequests.MIN_PASSWORD) {
            throw new IllegalStateException("HL_ADMIN_PASSWORD must have at least " + AuthRequests.MIN_PASSWORD + " characters");
        }
        accounts.findByEmail(email).ifPresentOrElse(
                existing -> {
                    if (!existing.isAdmin()) {
                        LOG.warnf("The configured first admin %s exists without the admin role; not granting it", email);
                    }
                },
                () -> create(email));
    }

    private void create(String email) {
        try {
            accounts.register(email, config.password().get(), accounts.defaultPlan(), true, true);
            LOG.infof("Created the first admin %s", email);
        } catch (ProblemException alreadyCreatedByAnotherInstance) {
            LOG.debugf("The first admin %s was created concurrently", email);
        }
    }
}
