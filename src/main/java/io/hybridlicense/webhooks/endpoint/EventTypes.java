package io.hybridlicense.webhooks.endpoint;

import java.util.List;

/** The event types an endpoint may subscribe to (docs/webhooks.md#events). */
public final class EventTypes {

    public static final String USER_REGISTERED = "user.registered";
    public static final String LICENSE_ACTIVATED = "license.activated";
    public static final String LICENSE_STATUS_CHANGED = "license.status_changed";
    public static final String LICENSE_EXTENDED = "license.extended";
    public static final String LICENSE_EXPIRED = "license.expired";
    public static final String LICENSE_HEARTBEAT_DEAD = "license.heartbeat_dead";
    public static final String LICENSE_CULLED = "license.culled";
    public static final String SUBSCRIPTION_RENEWED = "subscription.renewed";
    public static final String SUBSCRIPTION_PLAN_CHANGED = "subscription.plan_changed";
    public static final String SCHEMA_CHANGE_CONFIRMED = "schemasync.change_confirmed";
    public static final String SCHEMA_CHANGE_REJECTED = "schemasync.change_rejected";
    public static final String DRIFT_DETECTED = "schemasync.drift_detected";
    /** Sent only by "send a test event"; not subscribable. */
    public static final String TEST = "webhook.test";

    public static final List<String> ALL = List.of(USER_REGISTERED, LICENSE_ACTIVATED, LICENSE_STATUS_CHANGED,
            LICENSE_EXTENDED, LICENSE_EXPIRED, LICENSE_HEARTBEAT_DEAD, LICENSE_CULLED, SUBSCRIPTION_RENEWED, SUBSCRIPTION_PLAN_CHANGED,
            SCHEMA_CHANGE_CONFIRMED, SCHEMA_CHANGE_REJECTED, DRIFT_DETECTED);

    private EventTypes() {
    }
}
