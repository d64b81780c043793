package io.hybridlicense.webhooks.endpoint;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An endpoint to register, or its new settings.
 *
 * @param url         where to POST: {@code https://…} (plain {@code http} only where {@code hl.webhooks.allow-http})
 * @param events      the event types it hears (docs/webhooks.md#events)
 * @param description free text for people, up to 500 characters
 */
public record EndpointRequest(@NotNull @Size(max = 2048) String url,
                              @NotNull @NotEmpty @Size(max = 32) List<@NotNull @Size(max = 64) String> events,
                              @Size(max = 500) String description) {
}
