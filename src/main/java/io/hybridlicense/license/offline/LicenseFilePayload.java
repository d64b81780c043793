package io.hybridlicense.license.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridlicense.license.api.LicenseView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payload of a license file (docs/license-files.md): license id, user, client id, plan, policy,
 * entitlements, issued, expiry and heartbeat. Instants are ISO-8601 UTC to the second.
 */
final class LicenseFilePayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LicenseFilePayload() {
    }

    static byte[] of(LicenseView license, String plan, LicenseTerms.Terms terms, Instant issued, Instant expiry) {
        ObjectNode payload = JSON.createObjectNode()
                .put("licenseId", license.licenseId().toString())
                .put("userId", license.userId().toString())
                .put("clientId", license.clientId())
                .put("plan", plan)
                .put("policy", terms.policy());
        terms.entitlements().forEach(payload.putArray("entitlements")::add);
        payload.put("issued", second(issued)).put("expiry", second(expiry));
        if (terms.heartbeat() == null) {
            payload.putNull("heartbeat");
        } else {
            payload.putObject("heartbeat").put("interval", terms.heartbeat().interval()).put("grace", terms.heartbeat().grace());
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String second(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
