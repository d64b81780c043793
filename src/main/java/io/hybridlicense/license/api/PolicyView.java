package io.hybridlicense.license.api;

import java.util.List;
import java.util.UUID;

/**
 * A policy: the terms licenses under it live by, its version (also its {@code ETag}) and what uses it.
 * Durations are ISO-8601 ({@code P365D}, {@code PT12H}).
 *
 * @param seats             most live licenses (active or suspended) per user
 * @param duration          lifetime of a new license, and what an extension adds
 * @param expiryGrace       after expiry, how long validation still answers {@code VALID_IN_GRACE}
 * @param offlineTtl        default lifetime of an offline license file
 * @param heartbeatInterval machines ping at least this often ({@code null}: none required); with grace, cullAfter, resurrectWithin
 * @param entitlements      the codes every license under it has, sorted
 * @param plans             the plans naming it
 * @param liveLicenses      live licenses of the users on those plans
 */
public record PolicyView(UUID id, String name, int seats, String duration, String expiryGrace, String offlineTtl,
                         String heartbeatInterval, String heartbeatGrace, String cullAfter, String resurrectWithin,
                         List<String> entitlements, long version, List<String> plans, long liveLicenses) {
}
