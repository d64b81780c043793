package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.webhooks.endpoint.EndpointRecord;
import io.hybridlicense.webhooks.endpoint.EventTypes;
import io.hybridlicense.webhooks.endpoint.ManageEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An endpoint's deliveries: listed, redelivered by hand, and a test event; only for whoever reaches the endpoint. */
@ApplicationScoped
public class ManageDeliveries {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final ManageEndpoints endpoints;
    private final Deliveries deliveries;
    private final EventRecorder recorder;
    private final DeliveryNotices notices;
    private final Event<DeliveriesQueued> queued;

    ManageDeliveries(ManageEndpoints endpoints, Deliveries deliveries, EventRecorder recorder, DeliveryNotices notices,
                     Event<DeliveriesQueued> queued) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.recorder = recorder;
        this.notices = notices;
        this.queued = queued;
    }

    /** Newest first. */
    public List<DeliveryResponse> list(ManageEndpoints.Scope scope, UUID endpoint, String status, int limit) {
        endpoints.get(scope, endpoint);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("invalid-status", "status must be one of " + STATUSES);
        }
        return deliveries.list(endpoint, status, Math.max(1, Math.min(limit, 500))).stream().map(DeliveryResponse::of).toList();
    }

    /** Due again now, with a fresh count of attempts and the same {@code webhook-id}; 409 while an attempt runs. */
    @Transactional
    public DeliveryResponse redeliver(ManageEndpoints.Scope scope, UUID endpoint, UUID delivery) {
        endpoints.get(scope, endpoint);
        deliveries.find(delivery).filter(row -> row.endpointId().equals(endpoint))
                .orElseThrow(() -> ProblemException.notFound("That delivery"));
        if (!deliveries.redeliver(delivery)) {
            throw ProblemException.conflict("delivery-in-progress", "An attempt of this delivery is running; try again shortly");
        }
        announce();
        return DeliveryResponse.of(deliveries.find(delivery).orElseThrow());
    }

    /** Queues a {@code webhook.test} event for this endpoint only, whatever it subscribed to. */
    @Transactional
    public DeliveryResponse sendTest(ManageEndpoints.Scope scope, UUID endpoint) {
        EndpointRecord target = endpoints.get(scope, endpoint);
        UUID id = deliveries.enqueueFor(target.id(), EventTypes.TEST, recorder.body(EventTypes.TEST,
                Map.of("endpointId", target.id().toString(), "message", "This is a test event from Hybrid License")));
        announce();
        return DeliveryResponse.of(deliveries.find(id).orElseThrow());
    }

    private void announce() {
        notices.queued();
        queued.fire(new DeliveriesQueued());
    }
}
