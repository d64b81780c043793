package io.hybridlicense.license.heartbeat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** {@link HeartbeatRouteTest}'s assertions against the REST resource: the event-loop route switched off. */
@QuarkusTest
@TestProfile(HeartbeatResourcePathTest.RouteOff.class)
class HeartbeatResourcePathTest extends HeartbeatRouteTest {

    public static class RouteOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hl.license.heartbeat.event-loop-route", "false");
        }
    }
}
