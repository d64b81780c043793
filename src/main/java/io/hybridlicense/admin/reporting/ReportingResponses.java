package io.hybridlicense.admin.reporting;

import io.hybridlicense.admin.api.AuditEntryView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The response bodies of the admin reporting endpoints. */
@RegisterForReflection(targets = AuditEntryView.class)
public final class ReportingResponses {

    private ReportingResponses() {
    }

    @RegisterForReflection
    public record PlanStats(String plan, long userCount, long newUsers30d) {
    }

    @RegisterForReflection
    public record LicenseStats(List<StatusStats> byStatus, List<DayCount> activationsPerDay) {
    }

    /** {@code oldest} and {@code newest} are creation times, {@code null} when there is no such license. */
    @RegisterForReflection
    public record StatusStats(String status, long count, Instant oldest, Instant newest) {
    }

    /** A UTC day. */
    @RegisterForReflection
    public record DayCount(LocalDate day, long count) {
    }

    /** A count per plan (the console's seats per plan). */
    @RegisterForReflection
    public record PlanCount(String plan, long count) {
    }

    /** One page of a list; {@code nextCursor} is {@code null} on the last page. */
    @RegisterForReflection
    public record Page<T>(List<T> items, String nextCursor) {
    }

    @RegisterForReflection
    public record UserSummary(UUID id, String email, String plan, boolean admin, Instant createdAt) {
    }

    @RegisterForReflection
    public record UserDetail(UUID id, String email, String plan, boolean admin, Instant createdAt,
                      Subscription subscription, List<License> licenses) {
    }

    @RegisterForReflection
    public record Subscription(UUID id, String plan, String status, Instant startedAt, Instant renewsAt, long version) {
    }

    @RegisterForReflection
    public record License(UUID id, String clientId, String status, Instant createdAt, Instant expiresAt, Instant updatedAt,
                   Instant lastValidatedAt, long version) {
    }
}
