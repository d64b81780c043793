package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.table.TableRequests.ImportRequest;
import io.hybridlicense.schemasync.table.TableRequests.ImportResponse;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A user's existing database and the model: importing its tables, and what drifted behind the model's back. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
@Blocking
class DriftResource {

    private final JsonWebToken token;
    private final ImportTables importTables;
    private final CheckDrift checkDrift;

    DriftResource(JsonWebToken token, ImportTables importTables, CheckDrift checkDrift) {
        this.token = token;
        this.importTables = importTables;
        this.checkDrift = checkDrift;
    }

    /** Takes over existing tables without changing the database: 201 with the tables, each synced. */
    @POST
    @Path("/datasources/{dsId}/import")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public Response importTables(@PathParam("dsId") UUID datasourceId, @Valid ImportRequest request) {
        List<TableView> imported = importTables.importTables(Caller.of(token), datasourceId,
                request == null ? null : request.tables());
        return Response.status(imported.isEmpty() ? Response.Status.OK : Response.Status.CREATED)
                .entity(new ImportResponse(imported)).build();
    }

    /** Compares the database with the model now; records nothing (safe to repeat, to prefetch, to poll). */
    @GET
    @Path("/datasources/{dsId}/drift")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public DriftReport drift(@PathParam("dsId") UUID datasourceId) {
        return checkDrift.compare(Caller.of(token), datasourceId);
    }

    /**
     * Compares the database with the model now and records what is news: {@code DriftDetected} (the table
     * then refuses changes until reconciled) or {@code DriftCleared}.
     */
    @POST
    @Path("/datasources/{dsId}/drift")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public DriftReport recordDrift(@PathParam("dsId") UUID datasourceId) {
        return checkDrift.compareAndRecord(Caller.of(token), datasourceId);
    }
}
