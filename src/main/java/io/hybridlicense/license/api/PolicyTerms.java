package io.hybridlicense.license.api;

import java.util.List;

/**
 * The terms of a policy an admin edits in the console (the heartbeat settings stay as they are).
 * Durations are ISO-8601; entitlements are codes of the catalogue.
 */
public record PolicyTerms(String name, int seats, String duration, String expiryGrace, String offlineTtl,
                          List<String> entitlements) {
}
