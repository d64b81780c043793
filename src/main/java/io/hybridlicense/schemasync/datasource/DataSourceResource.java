package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.shared.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Users' registered databases. */
/* Same root path as TableResource: JAX-RS would otherwise pick this class for .../datasources/{id}/tables. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
class DataSourceResource {

    /**
     * Answer of the check endpoint. {@code error} is one fixed sentence for every way a connection can
     * fail: telling them apart would make this endpoint a port scanner.
     */
    record CheckResponse(boolean reachable, String serverVersion, String error) {
    }

    static final String UNREACHABLE = "The database could not be reached, or refused the connection or its credentials";

    private final JsonWebToken token;
    private final RegisterDataSource register;
    private final DeleteDataSource delete;
    private final DataSources dataSources;
    private final Targets targets;

    DataSourceResource(JsonWebToken token, RegisterDataSource register, DeleteDataSource delete,
                       DataSources dataSources, Targets targets) {
        this.token = token;
        this.register = register;
        this.delete = delete;
        this.dataSources = dataSources;
        this.targets = targets;
    }

    @POST
    @Path("/datasources")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public Response create(@Valid @NotNull DataSourceRequest request) {
        DataSourceRecord ds = register.register(Caller.of(token), request);
        return Response.created(URI.create("/api/v1/datasources/" + ds.id())).entity(DataSourceResponse.of(ds)).build();
    }

    @GET
    @Path("/datasources")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public List<DataSourceResponse> list() {
        Caller caller = Caller.of(token);
        return dataSources.list(caller.admin() ? null : caller.userId().toString()).stream().map(DataSourceResponse::of).toList();
    }

    @GET
    @Path("/datasources/{id}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public DataSourceResponse get(@PathParam("id") UUID id) {
        return DataSourceResponse.of(visible(id));
    }

    @POST
    @Path("/datasources/{id}/check")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CheckResponse check(@PathParam("id") UUID id) {
        return targets.serverVersion(visible(id)).map(version -> new CheckResponse(true, version, null))
                .orElseGet(() -> new CheckResponse(false, null, UNREACHABLE));
    }

    @DELETE
    @Path("/datasources/{id}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public Response remove(@PathParam("id") UUID id) {
        delete.delete(Caller.of(token), id);
        return Response.noContent().build();
    }

    private DataSourceRecord visible(UUID id) {
        return dataSources.findVisible(Caller.of(token), id, DataSources.Lock.NONE)
                .orElseThrow(() -> ProblemException.notFound("That data source"));
    }
}
