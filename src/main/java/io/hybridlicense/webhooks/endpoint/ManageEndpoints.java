package io.hybridlicense.webhooks.endpoint;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.webhooks.WebhooksConfig;
import io.hybridlicense.webhooks.api.WebhookEndpointChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Registers, edits, enables/disables, rotates and deletes endpoints, each change with its audit entry
 * ({@link WebhookEndpointChanged}) in its transaction. Admins' endpoints ({@code owner} null) hear every
 * user's events; a user's only theirs. A user reaches only their own endpoints (404 for anyone else's);
 * admins every endpoint.
 */
@ApplicationScoped
public class ManageEndpoints {

    private final Endpoints endpoints;
    private final EndpointAddresses addresses;
    private final SecretCipher cipher;
    private final Clock clock;
    private final WebhooksConfig config;
    private final Event<WebhookEndpointChanged> changed;
    private final SecureRandom random = new SecureRandom();

    ManageEndpoints(Endpoints endpoints, EndpointAddresses addresses, SecretCipher cipher, Clock clock, WebhooksConfig config,
                    Event<WebhookEndpointChanged> changed) {
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config;
        this.changed = changed;
    }

    /** Whose endpoints a request manages: an admin's own (every event) or one user's. */
    public record Scope(Caller caller, boolean adminEndpoints) {

        UUID owner() {
            return adminEndpoints ? null : caller.userId();
        }

        boolean reaches(EndpointRecord endpoint) {
            return adminEndpoints ? caller.admin() : caller.userId().equals(endpoint.ownerId());
        }
    }

    /**
     * The new endpoint, with its secret (shown this once); 409 {@code endpoint-limit-reached} when the user
     * has {@code max-endpoints-per-user} already (the admins' endpoints are not limited).
     */
    @Transactional
    public EndpointResponse register(Scope scope, EndpointRequest request) {
        URI uri = checked(request);
        int limit = config.maxEndpointsPerUser();
        if (scope.owner() != null && endpoints.lockAndCount(scope.owner()) >= limit) {
            throw ProblemException.conflict("endpoint-limit-reached", "At most " + limit
                    + " webhook endpoints per user (hl.webhooks.max-endpoints-per-user); delete one to register another");
        }
        UUID id = UUID.randomUUID();
        String secret = Signatures.newSecret(random);
        Instant now = clock.now();
        EndpointRecord endpoint = new EndpointRecord(id, scope.owner(), uri.toString(), blankToNull(request.description()),
                distinct(request.events()), true, null, cipher.seal(id, secret), null, null, null, now, now);
        endpoints.insert(endpoint);
        changed.fire(new WebhookEndpointChanged(id, endpoint.ownerId(), "created", endpoint.url(), scope.caller().userId()));
        return EndpointResponse.of(endpoint, secret);
    }

    public List<EndpointResponse> list(Scope scope) {
        return endpoints.list(scope.owner(), scope.adminEndpoints()).stream().map(EndpointResponse::of).toList();
    }

    public EndpointRecord get(Scope scope, UUID id) {
        return endpoints.find(id, false).filter(scope::reaches).orElseThrow(() -> ProblemException.notFound("That endpoint"));
    }

    @Transactional
    public EndpointResponse update(Scope scope, UUID id, EndpointRequest request) {
        EndpointRecord endpoint = locked(scope, id);
        URI uri = checked(request);
        endpoints.update(id, uri.toString(), blankToNull(request.description()), distinct(request.events()));
        changed.fire(new WebhookEndpointChanged(id, endpoint.ownerId(), "updated", uri.toString(), scope.caller().userId()));
        return EndpointResponse.of(endpoints.find(id, false).orElseThrow());
    }

    @Transactional
    public EndpointResponse setEnabled(Scope scope, UUID id, boolean enabled) {
        EndpointRecord endpoint = locked(scope, id);
        endpoints.setEnabled(id, enabled, "manual");
        changed.fire(new WebhookEndpointChanged(id, endpoint.ownerId(), enabled ? "enabled" : "disabled", endpoint.url(),
                scope.caller().userId()));
        return EndpointResponse.of(endpoints.find(id, false).orElseThrow());
    }

    /** A new secret (shown this once); the old one signs beside it for {@code previous-secret-validity}. */
    @Transactional
    public EndpointResponse rotate(Scope scope, UUID id) {
        EndpointRecord endpoint = locked(scope, id);
        String secret = Signatures.newSecret(random);
        String previous = cipher.open(id, endpoint.secret());
        endpoints.rotate(id, cipher.seal(id, secret), cipher.seal(id, previous), config.previousSecretValidity());
        changed.fire(new WebhookEndpointChanged(id, endpoint.ownerId(), "rotated", endpoint.url(), scope.caller().userId()));
        return EndpointResponse.of(endpoints.find(id, false).orElseThrow(), secret);
    }

    @Transactional
    public void delete(Scope scope, UUID id) {
        EndpointRecord endpoint = locked(scope, id);
        endpoints.delete(id);
        changed.fire(new WebhookEndpointChanged(id, endpoint.ownerId(), "deleted", endpoint.url(), scope.caller().userId()));
    }

    private EndpointRecord locked(Scope scope, UUID id) {
        return endpoints.find(id, true).filter(scope::reaches).orElseThrow(() -> ProblemException.notFound("That endpoint"));
    }

    private URI checked(EndpointRequest request) {
        List<String> unknown = request.events().stream().filter(type -> !EventTypes.ALL.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw EndpointAddresses.invalid("events: " + unknown.size() + " unknown event type(s); known: " + EventTypes.ALL);
        }
        URI uri = addresses.parse(request.url());
        addresses.requireAllowed(uri);
        return uri;
    }

    private static List<String> distinct(List<String> events) {
        return events.stream().distinct().sorted().toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
