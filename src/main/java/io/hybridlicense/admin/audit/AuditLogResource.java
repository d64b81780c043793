package io.hybridlicense.admin.audit;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.admin.reporting.QueryParams;
import io.hybridlicense.admin.reporting.ReportingResponses.Page;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.PlainText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The audit log, newest first: JSON pages, or with {@code Accept: text/csv} the whole filtered log. */
@ApiKeyScope(ApiScope.AUDIT_READ)
@Path("/api/v1/admin/audit-logs")
@RolesAllowed(UserView.ROLE_ADMIN)
class AuditLogResource {

    static final String CSV = "text/csv";

    private final AuditLogQuery auditLog;

    AuditLogResource(AuditLogQuery auditLog) {
        this.auditLog = auditLog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<AuditEntryView> page(@QueryParam("userId") String userId,
                                     @QueryParam("action") @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z_]*") String action,
                                     @QueryParam("subjectId") @Size(max = 200) @PlainText String subjectId,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("cursor") @Size(max = 2048) String cursor,
                                     @QueryParam("limit") String limit) {
        return auditLog.page(filter(userId, action, subjectId, from, to), cursor, QueryParams.limit(limit));
    }

    /** The same filters (and cursor) as the JSON pages, without a limit: streamed, never held in memory. */
    @GET
    @Produces(CSV + ";charset=UTF-8;qs=0.5") // JSON for Accept: */*
    public Response csv(@QueryParam("userId") String userId,
                        @QueryParam("action") @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z_]*") String action,
                        @QueryParam("subjectId") @Size(max = 200) @PlainText String subjectId,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("cursor") @Size(max = 2048) String cursor) {
        AuditLogQuery.Csv csv = auditLog.csv(filter(userId, action, subjectId, from, to), cursor);
        StreamingOutput body = csv::writeTo;
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"")
                .build();
    }

    private static AuditLogQuery.Filter filter(String userId, String action, String subjectId, String from, String to) {
        return new AuditLogQuery.Filter(QueryParams.uuid("userId", userId), action, subjectId,
                QueryParams.instant("from", from), QueryParams.instant("to", to));
    }
}
