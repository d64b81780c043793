package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.ColumnAlteration;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.hybridlicense.schemasync.outbox.Settlements;
import io.hybridlicense.schemasync.table.TableRequests.AlterColumnRequest;
import io.hybridlicense.schemasync.table.TableRequests.ChangeResponse;
import io.hybridlicense.schemasync.table.TableRequests.ColumnRequest;
import io.hybridlicense.schemasync.table.TableRequests.CreateTableRequest;
import io.hybridlicense.schemasync.table.TableRequests.ReconcileRequest;
import io.hybridlicense.schemasync.table.TableRequests.RenameTableRequest;
import io.hybridlicense.schemasync.table.TableRequests.RevertRequest;
import io.hybridlicense.shared.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Tables and columns of users' databases: every change answers 202 and is applied asynchronously.
 * Methods run on a worker thread (they read and write the core database) and return a stage, so that a
 * request waiting with {@code Prefer: wait} gives its thread back while it waits.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "admin"})
@Blocking
class TableResource {

    private static final Logger LOG = Logger.getLogger(TableResource.class);

    private final JsonWebToken token;
    private final RequestSchemaChange changes;
    private final TableQueries queries;
    private final Settlements settlements;
    private final DataSources dataSources;
    private final Catalogues catalogues;

    TableResource(JsonWebToken token, RequestSchemaChange changes, TableQueries queries, Settlements settlements,
                  DataSources dataSources, Catalogues catalogues) {
        this.catalogues = catalogues;
        this.token = token;
        this.changes = changes;
        this.queries = queries;
        this.settlements = settlements;
        this.dataSources = dataSources;
    }

    @POST
    @Path("/datasources/{dsId}/tables")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> create(@PathParam("dsId") UUID datasourceId, @Valid @NotNull CreateTableRequest request,
                           @HeaderParam("Prefer") String prefer) {
        List<SchemaChangeCommand.ColumnInput> columns = request.columns() == null ? TableRequests.DEFAULT_COLUMNS
                : request.columns().stream().map(ColumnRequest::toInput).toList();
        return accepted(changes.create(Caller.of(token), datasourceId, request.name(), columns), prefer);
    }

    @GET
    @Path("/datasources/{dsId}/tables")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public List<TableView> list(@PathParam("dsId") UUID datasourceId) {
        dataSources.findVisible(Caller.of(token), datasourceId, DataSources.Lock.NONE)
                .orElseThrow(() -> ProblemException.notFound("Data source " + datasourceId));
        return queries.tablesOf(datasourceId);
    }

    @GET
    @Path("/tables/{id}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public CompletionStage<Response> get(@PathParam("id") UUID id, @QueryParam("version") String versionText,
                        @QueryParam("asOf") String asOf, @HeaderParam("Prefer") String prefer) {
        TableStreams.Registration registration = visible(id);
        Integer version = parseVersion(versionText);
        if (version != null && asOf != null) {
            throw ProblemException.badRequest("invalid-query", "Give either version or asOf");
        }
        if (version != null || asOf != null) {
            TableView then = (version != null ? queries.atVersion(registration, version)
                    : queries.asOf(registration, parseInstant(asOf)))
                    .orElseThrow(() -> ProblemException.notFound("Table " + id + " at that point"));
            return CompletableFuture.completedFuture(Response.ok(then).build());
        }
        return settlements.await(id, Prefer.waitOf(prefer), v -> !"pending".equals(v.status()))
                .thenApply(view -> withWait(Response.ok(view).tag(Integer.toString(view.version())), prefer).build());
    }

    @GET
    @Path("/tables/{id}/events")
    @ApiKeyScope(ApiScope.SCHEMASYNC_READ)
    public List<EventView> events(@PathParam("id") UUID id) {
        visible(id);
        return queries.history(id).stream().map(EventView::of).toList();
    }

    @POST
    @Path("/tables/{id}/columns")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> addColumn(@PathParam("id") UUID id, @Valid @NotNull ColumnRequest request,
                              @HeaderParam("If-Match") String ifMatch, @HeaderParam("Prefer") String prefer) {
        return change(id, ifMatch, prefer, new SchemaChangeCommand.AddColumn(request.toInput()));
    }

    @PATCH
    @Path("/tables/{id}/columns/{name}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> alterColumn(@PathParam("id") UUID id, @PathParam("name") String column,
                                @NotNull AlterColumnRequest request, @HeaderParam("If-Match") String ifMatch,
                                @HeaderParam("Prefer") String prefer) {
        ColumnAlteration alteration = new ColumnAlteration(request.name(), request.type(), request.nullable(),
                request.defaultValue(), Boolean.TRUE.equals(request.dropDefault()));
        return change(id, ifMatch, prefer, new SchemaChangeCommand.AlterColumn(column, alteration));
    }

    @DELETE
    @Path("/tables/{id}/columns/{name}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> dropColumn(@PathParam("id") UUID id, @PathParam("name") String column,
                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Prefer") String prefer) {
        return change(id, ifMatch, prefer, new SchemaChangeCommand.DropColumn(column));
    }

    @PATCH
    @Path("/tables/{id}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> rename(@PathParam("id") UUID id, @Valid @NotNull RenameTableRequest request,
                           @HeaderParam("If-Match") String ifMatch, @HeaderParam("Prefer") String prefer) {
        return change(id, ifMatch, prefer, new SchemaChangeCommand.RenameTable(request.name()));
    }

    @DELETE
    @Path("/tables/{id}")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> drop(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                         @HeaderParam("Prefer") String prefer) {
        return change(id, ifMatch, prefer, new SchemaChangeCommand.DropTable());
    }

    /** Back to the table's shape at a version, as one change; 422 {@code data-loss} names what it would lose. */
    @POST
    @Path("/tables/{id}/revert")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> revert(@PathParam("id") UUID id, @Valid @NotNull RevertRequest request,
                                            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Prefer") String prefer) {
        return change(id, ifMatch, prefer, new SchemaChangeCommand.Revert(request.toVersion(),
                Boolean.TRUE.equals(request.allowDataLoss())));
    }

    /**
     * Reconciles a drifted table: {@code adopt} records the database's shape as the model (200, no DDL),
     * {@code apply} queues the DDL that brings the database back to the model (202, like any change).
     */
    @POST
    @Path("/tables/{id}/reconcile")
    @ApiKeyScope(ApiScope.SCHEMASYNC_WRITE)
    public CompletionStage<Response> reconcile(@PathParam("id") UUID id, @Valid @NotNull ReconcileRequest request,
                                               @HeaderParam("If-Match") String ifMatch, @HeaderParam("Prefer") String prefer) {
        TableStreams.Registration registration = visible(id);
        var ds = dataSources.find(registration.datasourceId()).orElseThrow(() -> ProblemException.notFound("Table " + id));
        SchemaChangeCommand command = new SchemaChangeCommand.Reconcile(request.strategy(), catalogues.read(ds),
                Boolean.TRUE.equals(request.allowDataLoss()));
        RequestSchemaChange.Accepted accepted = changes.change(Caller.of(token), id, Prefer.ifMatchVersion(ifMatch), command);
        if (accepted.queued()) {
            return accepted(accepted, prefer);
        }
        TableView now = queries.table(id).orElseThrow();
        return CompletableFuture.completedFuture(Response.ok(now).tag(Integer.toString(now.version())).build());
    }

    private CompletionStage<Response> change(UUID id, String ifMatch, String prefer, SchemaChangeCommand command) {
        return accepted(changes.change(Caller.of(token), id, Prefer.ifMatchVersion(ifMatch), command), prefer);
    }

    private CompletionStage<Response> accepted(RequestSchemaChange.Accepted accepted, String prefer) {
        int version = accepted.version();
        // built on the request's thread: a relative Location is resolved against the current request
        Response.ResponseBuilder response = withWait(Response.status(Response.Status.ACCEPTED)
                .location(URI.create("/api/v1/tables/" + accepted.tableId())).tag(Integer.toString(version)), prefer);
        return settlements.await(accepted.tableId(), Prefer.waitOf(prefer),
                        v -> v.syncedVersion() >= version || !"pending".equals(v.status()))
                .thenApply(TableView::status)
                .exceptionally(unread -> {
                    // the change is committed: 202 stands even when the database went away before its status was read
                    LOG.debugf(unread, "Status of table %s unread after change %d", accepted.tableId(), version);
                    return "pending";
                })
                .thenApply(status -> response.entity(new ChangeResponse(accepted.tableId(), version, status)).build());
    }

    private static Response.ResponseBuilder withWait(Response.ResponseBuilder response, String prefer) {
        Duration wait = Prefer.waitOf(prefer);
        return wait.isZero() ? response : response.header("Preference-Applied", "wait=" + wait.toSeconds());
    }

    private TableStreams.Registration visible(UUID id) {
        return queries.registration(Caller.of(token), id).orElseThrow(() -> ProblemException.notFound("Table " + id));
    }

    private static Integer parseVersion(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw ProblemException.badRequest("invalid-query", "version must be a positive integer");
        }
        return Integer.parseInt(text);
    }

    private static Instant parseInstant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-query", "asOf must be an ISO-8601 date-time with offset");
        }
    }
}
