package io.hybridlicense.admin.console;

import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.admin.audit.AuditLogQuery;
import io.hybridlicense.admin.console.ConsoleViews.AuditFilterForm;
import io.hybridlicense.admin.console.ConsoleViews.Dashboard;
import io.hybridlicense.admin.console.ConsoleViews.LicenseRow;
import io.hybridlicense.admin.reporting.QueryParams;
import io.hybridlicense.admin.reporting.ReportingResponses.Page;
import io.hybridlicense.admin.reporting.ReportingResponses.UserDetail;
import io.hybridlicense.admin.reporting.ReportingResponses.UserSummary;
import io.hybridlicense.admin.reporting.Reports;
import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.console.api.ConsoleFormats;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.console.api.ConsoleUser;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChange;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.shared.PlainText;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The admins' console pages: dashboard, users, a user's licenses with one-click and batch status
 * changes (the license module's own use cases through {@link LicenseApi}, with the version the admin
 * saw, so a change made meanwhile is refused and shown, never overwritten), the admin role, and the
 * audit log. Authorised by annotation, like the API (ADR 0003: no path-based rules).
 */
@Path(AdminConsoleResource.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminConsoleResource {

    static final String PATH = ConsolePaths.ADMIN;
    private static final int PAGE_SIZE = 25;
    private static final Set<String> SETTABLE = Set.of("active", "suspended", "revoked");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Dashboard dashboard);

        static native TemplateInstance users(String query, Page<UserSummary> page, Notice notice);

        static native TemplateInstance user(UserDetail user, List<LicenseRow> rows, Notice notice, Notice roleNotice);

        static native TemplateInstance user$licenses(UserDetail user, List<LicenseRow> rows, Notice notice);

        static native TemplateInstance user$license(LicenseRow row);

        static native TemplateInstance user$role(UserDetail user, Notice roleNotice);

        static native TemplateInstance auditLog(AuditFilterForm filter, Page<AuditEntryView> page, Notice notice);

        static native TemplateInstance forbidden();
    }

    private final Reports reports;
    private final AuditLogQuery auditLog;
    private final LicenseApi licenses;
    private final AuthApi auth;
    private final ConsoleUser admin;
    private final ConsoleLocale locale;

    AdminConsoleResource(Reports reports, AuditLogQuery auditLog, LicenseApi licenses, AuthApi auth, ConsoleUser admin,
                         ConsoleLocale locale) {
        this.reports = reports;
        this.auditLog = auditLog;
        this.licenses = licenses;
        this.auth = auth;
        this.admin = admin;
        this.locale = locale;
    }

    @GET
    public TemplateInstance dashboard() {
        return Templates.dashboard(new Dashboard(reports.planStats(), reports.licenseStats(), reports.signUpsPerDay(),
                reports.seatsPerPlan()));
    }

    @GET
    @Path("/users")
    public Response users(@QueryParam("query") @Size(max = 254) @PlainText String query, @QueryParam("cursor") String cursor) {
        String typed = query == null ? "" : query;
        try {
            return Response.ok(Templates.users(typed, reports.users(typed, cursor, PAGE_SIZE), null)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(Templates.users(typed, new Page<>(List.of(), null),
                    Notice.error(locale.problem(refused.problem())))).build();
        }
    }

    @GET
    @Path("/users/{id}")
    public TemplateInstance user(@PathParam("id") UUID id) {
        UserDetail user = existing(id);
        return Templates.user(user, rows(user), null, null);
    }

    /** One click: the status the admin chose, only if the license is still at the version shown. */
    @POST
    @Path("/licenses/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeStatus(@PathParam("id") UUID id, @FormParam("status") String status,
                                 @FormParam("version") long version) {
        if (!SETTABLE.contains(status)) {
            throw ProblemException.badRequest("invalid-request", "status must be active, suspended or revoked");
        }
        return licenseRow(id, () -> licenses.changeStatus(id, LicenseStatus.of(status), version, admin.id()),
                changed -> msg().nowStatus(changed.status().wireName()));
    }

    /** One click: one more validity period, only if the license is still at the version shown. */
    @POST
    @Path("/licenses/{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response extend(@PathParam("id") UUID id, @FormParam("version") long version) {
        return licenseRow(id, () -> licenses.extend(id, version, admin.id()),
                extended -> msg().extendedTo(ConsoleFormats.time(extended.expiresAt(), locale.locale())));
    }

    /** The license's row after a change, or with why nothing changed and its current state. */
    private Response licenseRow(UUID id, Supplier<LicenseView> change, Function<LicenseView, String> done) {
        try {
            LicenseView changed = change.get();
            return Response.ok(Templates.user$license(LicenseRow.of(changed.userId(), changed,
                    Notice.ok(done.apply(changed))))).build();
        } catch (ProblemException refused) {
            LicenseView current = licenses.findLicense(id).orElseThrow(() -> refused);
            String text = refused.problem().status() == 412
                    ? msg().changedMeanwhile(current.status().wireName())
                    : msg().notChanged(locale.problem(refused.problem()));
            return Response.status(refused.problem().status())
                    .entity(Templates.user$license(LicenseRow.of(current.userId(), current, Notice.error(text)))).build();
        }
    }

    /** Several licenses at once, all or nothing (license's batch use case). */
    @POST
    @Path("/users/{id}/licenses")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response batch(@PathParam("id") UUID userId, @FormParam("status") String status,
                          @FormParam("selected") List<String> selected) {
        UserDetail user = existing(userId);
        if (!SETTABLE.contains(status) || selected == null || selected.isEmpty()) {
            return Response.status(400).entity(Templates.user$licenses(user, rows(user),
                    Notice.error(msg().selectLicenseAndAction()))).build();
        }
        try {
            List<LicenseStatusChange> changes = new ArrayList<>();
            for (String item : selected) {
                changes.add(selection(item, LicenseStatus.of(status)));
            }
            licenses.changeStatuses(changes, admin.id());
            UserDetail after = existing(userId);
            return Response.ok(Templates.user$licenses(after, rows(after),
                    Notice.ok(msg().batchDone(changes.size(), status)))).build();
        } catch (ProblemException refused) {
            UserDetail current = existing(userId);
            return Response.status(refused.problem().status()).entity(Templates.user$licenses(current, rows(current),
                    Notice.error(msg().nothingChanged(locale.problem(refused.problem()))))).build();
        }
    }

    @POST
    @Path("/users/{id}/admin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setAdmin(@PathParam("id") UUID userId, @FormParam("admin") boolean makeAdmin) {
        try {
            auth.setAdmin(userId, makeAdmin, admin.id());
            return Response.ok(Templates.user$role(existing(userId), Notice.ok(makeAdmin
                    ? msg().nowAdmin() : msg().noLongerAdmin()))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.user$role(existing(userId), Notice.error(locale.problem(refused.problem())))).build();
        }
    }

    /** Every session of the user ends, on every instance (audited); shown in the same panel as the role. */
    @POST
    @Path("/users/{id}/sessions/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endSessions(@PathParam("id") UUID userId) {
        try {
            auth.endSessions(userId, admin.id());
            return Response.ok(Templates.user$role(existing(userId),
                    Notice.ok(msg().signedOutEverywhere()))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.user$role(existing(userId), Notice.error(locale.problem(refused.problem())))).build();
        }
    }

    /**
     * A new random password the user must replace at their next sign-in (the console's answer to "forgot
     * password?" without e-mail), shown once to the admin; every session of the user ends (audited).
     */
    @POST
    @Path("/users/{id}/password/temporary")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setTemporaryPassword(@PathParam("id") UUID userId) {
        try {
            String password = auth.setTemporaryPassword(userId, admin.id());
            return Response.ok(Templates.user$role(existing(userId), Notice.ok(msg().temporaryPasswordSet(password)))).header("Cache-Control", "no-store").build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.user$role(existing(userId), Notice.error(locale.problem(refused.problem())))).build();
        }
    }

    @GET
    @Path("/audit-log")
    public Response auditLog(@QueryParam("userId") String userId, @QueryParam("action") String action,
                             @QueryParam("subjectId") @Size(max = 200) @PlainText String subjectId, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("cursor") String cursor) {
        AuditFilterForm form = new AuditFilterForm(blankToNull(userId), blankToNull(action), blankToNull(subjectId),
                blankToNull(from), blankToNull(to));
        try {
            return Response.ok(Templates.auditLog(form, auditLog.page(filter(form), cursor, PAGE_SIZE), null)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(Templates.auditLog(form,
                    new Page<>(List.of(), null), Notice.error(locale.problem(refused.problem())))).build();
        }
    }

    /** The same filter as the page, the whole log as CSV, streamed. */
    @GET
    @Path("/audit-log.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response auditLogCsv(@QueryParam("userId") String userId, @QueryParam("action") String action,
                                @QueryParam("subjectId") @Size(max = 200) @PlainText String subjectId, @QueryParam("from") String from,
                                @QueryParam("to") String to) {
        AuditLogQuery.Csv csv = auditLog.csv(filter(new AuditFilterForm(blankToNull(userId), blankToNull(action),
                blankToNull(subjectId), blankToNull(from), blankToNull(to))), null);
        StreamingOutput body = csv::writeTo;
        return Response.ok(body).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(Templates.forbidden()).build();
    }

    private AdminMessages msg() {
        return locale.messages(AdminMessages.class);
    }

    private UserDetail existing(UUID id) {
        return reports.user(id).orElseThrow(() -> ProblemException.notFound("The user"));
    }

    private static List<LicenseRow> rows(UserDetail user) {
        return user.licenses().stream().map(license -> new LicenseRow(user.id(), license, null)).toList();
    }

    /** A checkbox value: the license id and the version shown, {@code <uuid>:<version>}. */
    private static LicenseStatusChange selection(String item, LicenseStatus status) {
        int colon = item.indexOf(':');
        try {
            return new LicenseStatusChange(UUID.fromString(item.substring(0, Math.max(colon, 0))), status,
                    Long.parseLong(item.substring(colon + 1)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ProblemException.badRequest("invalid-request", "A selected license is malformed");
        }
    }

    private static AuditLogQuery.Filter filter(AuditFilterForm form) {
        if (form.action() != null && !form.action().matches("[A-Z][A-Z_]{0,63}")) {
            throw ProblemException.badRequest("invalid-request", "action must be an audit action such as LICENSE_STATUS_CHANGED");
        }
        return new AuditLogQuery.Filter(QueryParams.uuid("userId", form.userId()), form.action(), form.subjectId(),
                QueryParams.instant("from", form.from()), QueryParams.instant("to", form.to()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
