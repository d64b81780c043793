package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.EventLoopRoutes;
import io.hybridlicense.license.RouteJson;
import io.hybridlicense.shared.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/v1/licenses/heartbeat} answered on the Vert.x event loop ({@link EventLoopRoutes}), ahead
 * of {@link HeartbeatResource}, which documents it and answers it when
 * {@code hl.license.heartbeat.event-loop-route=false}. The common ping (a live machine far from its
 * deadline) is read with the others arriving at once and noted in memory without leaving the event
 * loop; any other goes to a worker thread and takes the resource's path ({@link PingMachine#onEventLoop}).
 */
@ApplicationScoped
class HeartbeatRoute {

    static final String PATH = "/api/v1/licenses/heartbeat";
    private static final String TOKEN = "token";
    private static final Set<String> FIELDS = Set.of(TOKEN);

    private final PingMachine pings;
    private final boolean enabled;
    private final long maxBodySize;

    HeartbeatRoute(PingMachine pings, HeartbeatConfig config,
                   @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.pings = pings;
        this.enabled = config.eventLoopRoute();
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
    }

    void install(@Observes Router router) {
        if (enabled) {
            EventLoopRoutes.install(router, PATH, maxBodySize, this::heartbeat);
        }
    }

    private void heartbeat(RoutingContext context) {
        byte[] body = EventLoopRoutes.jsonBody(context);
        if (body == null) {
            return;
        }
        String token;
        try {
            token = RouteJson.read(body, FIELDS, null, 0).get(TOKEN);
            List<Problem.FieldError> errors = new ArrayList<>(1);
            RouteJson.checkToken(TOKEN, token, errors);
            if (!errors.isEmpty()) {
                throw RouteJson.invalid(errors);
            }
        } catch (RouteJson.Refused refused) {
            EventLoopRoutes.refuse(context, refused.problem());
            return;
        }
        pings.onEventLoop(token).onComplete(outcome ->
                EventLoopRoutes.answer(context, outcome, nextBefore -> "{\"nextBefore\":\"" + nextBefore + "\"}"));
    }
}
