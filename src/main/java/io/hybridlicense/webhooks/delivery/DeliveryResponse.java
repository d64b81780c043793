package io.hybridlicense.webhooks.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery: an event for one endpoint, and how its attempts went.
 *
 * @param id            also its {@code webhook-id} header, the same on every attempt
 * @param status        {@code pending} (due at {@code nextAttemptAt}), {@code delivered} or {@code failed}
 * @param lastResponse  the first KB of the last answer's body
 * @param lastError     why the last attempt failed, or {@code null}
 */
@RegisterForReflection // answered inside a plain Response (201, 202)
public record DeliveryResponse(UUID id, UUID endpointId, String eventType, String status, int attempts, Integer lastStatusCode,
                               Integer lastLatencyMs, String lastResponse, String lastError, Instant lastAttemptAt,
                               Instant nextAttemptAt, Instant createdAt, Instant finishedAt) {

    static DeliveryResponse of(Deliveries.Row r) {
        return new DeliveryResponse(r.id(), r.endpointId(), r.eventType(), r.status(), r.attempts(), r.lastStatusCode(),
                r.lastLatencyMs(), r.lastResponse(), r.lastError(), r.lastAttemptAt(),
                "pending".equals(r.status()) ? r.nextAttemptAt() : null, r.createdAt(), r.finishedAt());
    }
}
