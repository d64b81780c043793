package io.hybridlicense.admin.audit;

import io.hybridlicense.auth.api.AdminRoleChanged;
import io.hybridlicense.auth.api.ApiKeyCreated;
import io.hybridlicense.auth.api.ApiKeyRefused;
import io.hybridlicense.auth.api.ApiKeyRevoked;
import io.hybridlicense.auth.api.SessionsEnded;
import io.hybridlicense.auth.api.UserRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Audits auth's changes, synchronously inside the transaction that made them. */
@ApplicationScoped
class AuthAuditRecorder {

    private static final String MODULE = "auth";
    private static final String USER = "user";
    private static final String API_KEY = "api_key";

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

    void on(@Observes ApiKeyCreated event) {
        Map<String, Object> details = new HashMap<>();
        details.put("name", event.name());
        details.put("prefix", "hl_" + event.prefix());
        details.put("backOffice", event.backOffice());
        details.put("scopes", event.scopes());
        if (event.expiresAt() != null) {
            details.put("expiresAt", event.expiresAt().toString());
        }
        if (event.viaKeyId() != null) {
            details.put("viaKey", event.viaKeyId().toString());
        }
        trail.record(new AuditTrail.Entry("API_KEY_CREATED", MODULE, API_KEY, event.keyId().toString(),
                idOf(event.actorId()), details));
    }

    void on(@Observes ApiKeyRevoked event) {
        Map<String, Object> details = new HashMap<>();
        details.put("prefix", "hl_" + event.prefix());
        details.put("ownerId", event.ownerId().toString());
        if (event.viaKeyId() != null) {
            details.put("viaKey", event.viaKeyId().toString());
        }
        trail.record(new AuditTrail.Entry("API_KEY_REVOKED", MODULE, API_KEY, event.keyId().toString(),
                idOf(event.actorId()), details));
    }

    /** The actor is the key's owner: the one whose key was used (or, when revoked, maybe stolen). */
    void on(@Observes ApiKeyRefused event) {
        String action = switch (event.reason()) {
            case REVOKED -> "API_KEY_REVOKED_USED";
            case MISSING_SCOPE -> "API_KEY_SCOPE_REFUSED";
            case NOT_FOR_KEYS -> "API_KEY_OPERATION_REFUSED";
        };
        Map<String, Object> details = new HashMap<>();
        details.put("prefix", "hl_" + event.prefix());
        if (event.scope() != null) {
            details.put("scope", event.scope());
        }
        if (event.operation() != null) {
            details.put("operation", event.operation());
        }
        trail.record(new AuditTrail.Entry(action, MODULE, API_KEY, event.keyId().toString(), idOf(event.ownerId()), details));
    }

    static String idOf(UUID actorId) {
        return actorId == null ? null : actorId.toString();
    }
}
