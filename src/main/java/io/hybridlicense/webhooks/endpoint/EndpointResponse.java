package io.hybridlicense.webhooks.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as the API shows it.
 *
 * @param ownerId        the user whose events it hears; {@code null}: an admin's, every user's events
 * @param disabledReason {@code manual}, or {@code failing} when every delivery failed for days
 * @param failingSince   when its deliveries began to fail without a success since, or {@code null}
 * @param secret         the signing secret: only in the answer that creates or rotates it
 */
@RegisterForReflection // answered inside a plain Response (201, 202)
public record EndpointResponse(UUID id, UUID ownerId, String url, String description, List<String> events, boolean enabled,
                               String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public static EndpointResponse of(EndpointRecord e) {
        return of(e, null);
    }

    static EndpointResponse of(EndpointRecord e, String secret) {
        return new EndpointResponse(e.id(), e.ownerId(), e.url(), e.description(), e.events(), e.enabled(), e.disabledReason(),
                e.failingSince(), e.createdAt(), e.updatedAt(), secret);
    }
}
