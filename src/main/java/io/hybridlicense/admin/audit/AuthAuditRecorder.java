package io.hybridlicense.admin.audit;

import io.hybridlicense.auth.api.AdminRoleChanged;
import io.hybridlicense.auth.api.SessionsEnded;
import io.hybridlicense.auth.api.UserRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;

/** Audits auth's changes, synchronously inside the transaction that made them. */
@ApplicationScoped
class AuthAuditRecorder {

    private static final String MODULE = "auth";
    private static final String USER = "user";

    private final AuditTrail trail;

    AuthAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void on(@Observes UserRegistered event) {
        trail.record(new AuditTrail.Entry("USER_REGISTERED", MODULE, USER, event.userId().toString(), idOf(event.actorId()),
                Map.of("email", event.email(), "plan", event.plan().wireName(), "admin", event.admin())));
    }

    void on(@Observes AdminRoleChanged event) {
        trail.record(new AuditTrail.Entry(event.granted() ? "ADMIN_ROLE_GRANTED" : "ADMIN_ROLE_REVOKED", MODULE, USER,
                event.userId().toString(), idOf(event.actorId()), Map.of()));
    }

    void on(@Observes SessionsEnded event) {
        String action = switch (event.cause()) {
            case SIGNED_OUT -> "USER_SIGNED_OUT";
            case ENDED_BY_ADMIN -> "USER_SESSIONS_ENDED";
            case PASSWORD_CHANGED -> "PASSWORD_CHANGED";
            case TEMPORARY_PASSWORD_SET -> "TEMPORARY_PASSWORD_SET";
        };
        trail.record(new AuditTrail.Entry(action, MODULE, USER, event.userId().toString(), idOf(event.actorId()), Map.of()));
    }

    static String idOf(UUID actorId) {
        return actorId == null ? null : actorId.toString();
    }
}
