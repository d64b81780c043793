package io.hybridlicense.webhooks.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.auth.api.UserRegistered;
import io.hybridlicense.license.api.LicenseActivated;
import io.hybridlicense.license.api.LicenseExtended;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChanged;
import io.hybridlicense.license.api.MachineCulled;
import io.hybridlicense.license.api.MachineHeartbeatDead;
import io.hybridlicense.license.api.MachinesCulled;
import io.hybridlicense.license.api.MachinesHeartbeatDead;
import io.hybridlicense.license.api.SubscriptionPlanChanged;
import io.hybridlicense.license.api.SubscriptionRenewed;
import io.hybridlicense.schemasync.api.DriftDetected;
import io.hybridlicense.schemasync.api.SchemaChangeConfirmed;
import io.hybridlicense.schemasync.api.SchemaChangeRejected;
import io.hybridlicense.schemasync.api.SchemaSyncApi;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.webhooks.endpoint.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the webhook outbox from the other modules' {@code api} events, synchronously inside the
 * transaction of the change (as the audit entry is): a change that rolls back leaves no delivery, one
 * that commits leaves one row per subscribed endpoint, delivered whatever happens to this process next.
 */
@ApplicationScoped
class EventRecorder {

    private final Deliveries deliveries;
    private final DeliveryNotices notices;
    private final Event<DeliveriesQueued> queued;
    private final ObjectMapper json;
    private final Clock clock;
    private final SchemaSyncApi schemaSync;

    EventRecorder(Deliveries deliveries, DeliveryNotices notices, Event<DeliveriesQueued> queued, ObjectMapper json, Clock clock,
                  SchemaSyncApi schemaSync) {
        this.deliveries = deliveries;
        this.notices = notices;
        this.queued = queued;
        this.json = json;
        this.clock = clock;
        this.schemaSync = schemaSync;
    }

    void on(@Observes UserRegistered e) {
        record(EventTypes.USER_REGISTERED, e.userId(), data("userId", e.userId(), "email", e.email(), "plan", e.plan().wireName(),
                "admin", e.admin(), "registeredAt", e.registeredAt()));
    }

    void on(@Observes LicenseActivated e) {
        record(EventTypes.LICENSE_ACTIVATED, e.userId(), data("licenseId", e.licenseId(), "userId", e.userId(),
                "clientId", e.clientId(), "expiresAt", e.expiresAt()));
    }

    /** Every status change; an expiry is also {@code license.expired}. */
    void on(@Observes LicenseStatusChanged e) {
        Map<String, Object> data = data("licenseId", e.licenseId(), "userId", e.userId(), "from", e.from().wireName(),
                "to", e.to().wireName(), "version", e.version(), "actorId", e.actorId());
        record(EventTypes.LICENSE_STATUS_CHANGED, e.userId(), data);
        if (e.to() == LicenseStatus.EXPIRED) {
            record(EventTypes.LICENSE_EXPIRED, e.userId(), data);
        }
    }

    void on(@Observes LicenseExtended e) {
        record(EventTypes.LICENSE_EXTENDED, e.userId(), data("licenseId", e.licenseId(), "userId", e.userId(),
                "from", e.from(), "to", e.to(), "version", e.version(), "actorId", e.actorId()));
    }

    /** A batch of announced deaths: its rows in one statement. */
    void on(@Observes MachinesHeartbeatDead batch) {
        recordAll(EventTypes.LICENSE_HEARTBEAT_DEAD, batch.machines(), MachineHeartbeatDead::userId, e -> data(
                "licenseId", e.licenseId(), "userId", e.userId(), "clientId", e.clientId(), "deadline", e.deadline(),
                "lastHeartbeatAt", e.lastHeartbeatAt()));
    }

    /** A batch of the cull: its rows in one statement. */
    void on(@Observes MachinesCulled batch) {
        recordAll(EventTypes.LICENSE_CULLED, batch.machines(), MachineCulled::userId, e -> data(
                "licenseId", e.licenseId(), "userId", e.userId(), "from", e.from().wireName(), "version", e.version(),
                "culledAt", e.culledAt()));
    }

    void on(@Observes SubscriptionRenewed e) {
        record(EventTypes.SUBSCRIPTION_RENEWED, e.userId(), data("subscriptionId", e.subscriptionId(), "userId", e.userId(),
                "status", e.status(), "renewsAt", e.renewsAt()));
    }

    void on(@Observes SubscriptionPlanChanged e) {
        record(EventTypes.SUBSCRIPTION_PLAN_CHANGED, e.userId(), data("subscriptionId", e.subscriptionId(), "userId", e.userId(),
                "from", e.from().wireName(), "to", e.to().wireName(), "actorId", e.actorId()));
    }

    void on(@Observes SchemaChangeConfirmed e) {
        record(EventTypes.SCHEMA_CHANGE_CONFIRMED, ownerOf(e.tableId()), data("tableId", e.tableId(),
                "datasourceId", e.datasourceId(), "version", e.version(), "change", e.change(), "alreadyApplied", e.alreadyApplied()));
    }

    void on(@Observes SchemaChangeRejected e) {
        record(EventTypes.SCHEMA_CHANGE_REJECTED, ownerOf(e.tableId()), data("tableId", e.tableId(),
                "datasourceId", e.datasourceId(), "version", e.version(), "change", e.change(), "reason", e.reason(),
                "detail", e.detail()));
    }

    void on(@Observes DriftDetected e) {
        record(EventTypes.DRIFT_DETECTED, UUID.fromString(e.ownerId()), data("tableId", e.tableId(),
                "datasourceId", e.datasourceId(), "drift", e.drift()));
    }

    private UUID ownerOf(UUID tableId) {
        return schemaSync.ownerOfTable(tableId).map(UUID::fromString).orElse(null);
    }

    /** In the caller's transaction, which must exist: a delivery exists exactly when its change committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(String type, UUID owner, Map<String, Object> data) {
        queuedIf(deliveries.enqueue(type, owner, body(type, data)));
    }

    /** {@link #record} for a batch of one type's events, in one statement, in the batch's order. */
    @Transactional(Transactional.TxType.MANDATORY)
    <T> void recordAll(String type, List<T> events, Function<T, UUID> owner, Function<T, Map<String, Object>> data) {
        UUID[] owners = new UUID[events.size()];
        String[] bodies = new String[events.size()];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = owner.apply(events.get(i));
            bodies[i] = body(type, data.apply(events.get(i)));
        }
        queuedIf(deliveries.enqueueAll(type, owners, bodies));
    }

    private void queuedIf(int rows) {
        if (rows > 0) {
            notices.queued();
            queued.fire(new DeliveriesQueued());
        }
    }

    /** The body every attempt sends as is: {@code {type, timestamp, data}}. */
    String body(String type, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", clock.now().toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a webhook body", e);
        }
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            data.put((String) pairs[i], value instanceof UUID || value instanceof java.time.Instant ? value.toString() : value);
        }
        return data;
    }
}
