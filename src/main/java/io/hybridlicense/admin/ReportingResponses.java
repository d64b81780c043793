package io.hybridlicense.admin;

import io.hybridlicense.admin.api.AuditEntryView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The response bodies of the admin reporting endpoints. */
@RegisterForReflection(targets = AuditEntryView.class)
final class ReportingResponses {

    private ReportingResponses() {
    }

    @RegisterForReflection
    record PlanStats(String plan, long userCount, long newUsers30d) {
    }

    @RegisterForReflection
    record LicenseStats(List<StatusStats> byStatus, List<DayCount> activationsPerDay) {
    }

    /** {@code oldest} and {@code newest} are creation times, {@code null} when there is no such license. */
    @RegisterForReflection
    record StatusStats(String status, long count, Instant oldest, Instant newest) {
    }

    /** A UTC day. */
    @RegisterForReflection
    record DayCount(LocalDate day, long count) {
    }

    /** A count per plan (the console's seats per plan). */
    @RegisterForReflection
    record PlanCount(String plan, long count) {
    }

    /** One page of a list; {@code nextCursor} is {@code null} on the last page. */
    @RegisterForReflection
    record Page<T>(List<T> items, String nextCursor) {
    }

    @RegisterForReflection
    record UserSummary(UUID id, String email, String plan, boolean admin, Instant createdAt) {
    }

    @RegisterForReflection
    record UserDetail(UUID id, String email, String plan, boolean admin, Instant createdAt,
                      Subscription subscription, List<License> licenses) {
    }

    @RegisterForReflection
    record Subscription(UUID id, String plan, String status, Instant startedAt, Instant renewsAt, long version) {
    }

    @RegisterForReflection
    record License(UUID id, String clientId, String status, Instant createdAt, Instant expiresAt, Instant updatedAt,
                   Instant lastValidatedAt, long version) {
    }
}
