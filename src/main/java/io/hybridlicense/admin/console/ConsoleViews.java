package io.hybridlicense.admin.console;

import io.hybridlicense.admin.reporting.ReportingResponses.DayCount;
import io.hybridlicense.admin.reporting.ReportingResponses.License;
import io.hybridlicense.admin.reporting.ReportingResponses.LicenseStats;
import io.hybridlicense.admin.reporting.ReportingResponses.PlanCount;
import io.hybridlicense.admin.reporting.ReportingResponses.PlanStats;
import io.hybridlicense.admin.reporting.ReportingResponses;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.license.api.LicenseView;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the admins' console templates render, besides the reporting records. */
final class ConsoleViews {

    private ConsoleViews() {
    }

    /** One license on an admin's user page; {@code notice} is the outcome of the last action on it. */
    record LicenseRow(UUID userId, License license, Notice notice) {

        public boolean live() {
            return "active".equals(license.status()) || "suspended".equals(license.status());
        }

        public String selectValue() {
            return license.id() + ":" + license.version();
        }

        static LicenseRow of(UUID userId, LicenseView view, Notice notice) {
            return new LicenseRow(userId, new License(view.licenseId(), view.clientId(), view.status().wireName(),
                    view.createdAt(), view.expiresAt(), view.updatedAt(), view.lastValidatedAt(), view.version()), notice);
        }
    }

    /**
     * The dashboard: the reporting API's numbers, and the same numbers as chart data (JSON in data
     * attributes, read by dashboard.js: no inline script).
     */
    record Dashboard(List<PlanStats> plans, LicenseStats licenses, List<DayCount> signUps, List<PlanCount> seats) {

        public long users() {
            return plans.stream().mapToLong(PlanStats::userCount).sum();
        }

        public long newUsers() {
            return plans.stream().mapToLong(PlanStats::newUsers30d).sum();
        }

        public long licenseCount() {
            return licenses.byStatus().stream().mapToLong(ReportingResponses.StatusStats::count).sum();
        }

        public long activations() {
            return licenses.activationsPerDay().stream().mapToLong(DayCount::count).sum();
        }

        public String statusChart() {
            return chart(licenses.byStatus().stream().map(ReportingResponses.StatusStats::status).toList(),
                    licenses.byStatus().stream().map(ReportingResponses.StatusStats::count).toList());
        }

        public String perDayChart() {
            return "{\"labels\":" + strings(signUps.stream().map(day -> day.day().toString()).toList())
                    + ",\"signUps\":" + signUps.stream().map(day -> Long.toString(day.count())).collect(Collectors.joining(",", "[", "]"))
                    + ",\"activations\":" + licenses.activationsPerDay().stream().map(day -> Long.toString(day.count()))
                    .collect(Collectors.joining(",", "[", "]")) + "}";
        }

        public String seatsChart() {
            return chart(seats.stream().map(PlanCount::plan).toList(), seats.stream().map(PlanCount::count).toList());
        }

        /** Labels are our own enum names and days, never user input. */
        private static String chart(List<String> labels, List<Long> values) {
            return "{\"labels\":" + strings(labels) + ",\"values\":"
                    + values.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}";
        }

        private static String strings(List<String> labels) {
            return labels.stream().map(label -> "\"" + label + "\"").collect(Collectors.joining(",", "[", "]"));
        }
    }

    /** The audit log filter as typed, for the form and the links (next page, CSV). */
    record AuditFilterForm(String userId, String action, String subjectId, String from, String to) {

        public String query() {
            StringBuilder query = new StringBuilder();
            add(query, "userId", userId);
            add(query, "action", action);
            add(query, "subjectId", subjectId);
            add(query, "from", from);
            add(query, "to", to);
            return query.toString();
        }

        private static void add(StringBuilder query, String name, String value) {
            if (value != null && !value.isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
