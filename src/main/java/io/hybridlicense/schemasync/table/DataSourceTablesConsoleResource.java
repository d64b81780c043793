package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.console.ConsolePages;
import io.hybridlicense.schemasync.console.SchemaSyncMessages;
import io.hybridlicense.schemasync.console.SchemaSyncTexts;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSourceRow;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A data source's page in the console: its tables with their status, importing the tables its
 * database already has, creating a table, and the drift view (how the database differs from each
 * table's model, with apply / adopt; the buttons post to the designer's reconcile). Viewing the drift
 * records nothing; comparing with the button ({@code POST}) records it.
 */
@Path(ConsolePages.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"user", "admin"})
@Blocking
class DataSourceTablesConsoleResource {

    private static final int MAX_IMPORT_TEXT = 4000;
    /** As the API's import request. */
    private static final int MAX_IMPORT_TABLES = 500;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dataSource(DataSourceRow row, List<TableView> tables, String importNames, Notice notice);

        static native TemplateInstance newTable(DataSourceRecord ds, String name, String error);

        static native TemplateInstance drift(DataSourceRow row, DriftReport report, List<TableView> tables, boolean recorded,
                                             Notice notice);
    }

    private final JsonWebToken token;
    private final DataSources dataSources;
    private final TableQueries queries;
    private final RequestSchemaChange changes;
    private final ImportTables importTables;
    private final CheckDrift checkDrift;
    private final ConsoleLocale locale;

    DataSourceTablesConsoleResource(JsonWebToken token, DataSources dataSources, TableQueries queries,
                                    RequestSchemaChange changes, ImportTables importTables, CheckDrift checkDrift,
                                    ConsoleLocale locale) {
        this.locale = locale;
        this.token = token;
        this.dataSources = dataSources;
        this.queries = queries;
        this.changes = changes;
        this.importTables = importTables;
        this.checkDrift = checkDrift;
    }

    @GET
    @Path("/datasources/{id}")
    public TemplateInstance show(@PathParam("id") UUID id) {
        return page(visible(id), "", null);
    }

    /**
     * Takes over the database's tables (all those not managed yet, or the ones named), without changing it.
     * {@code tables} is what a user typed, separated by commas or spaces; {@code table} (repeated) carries
     * names exactly as the database lists them, which may contain both.
     */
    @POST
    @Path("/datasources/{id}/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importTables(@PathParam("id") UUID id, @FormParam("tables") String names,
                                 @FormParam("table") List<String> exactNames) {
        DataSourceRecord ds = visible(id);
        String typed = names == null || names.length() > MAX_IMPORT_TEXT ? "" : names.strip();
        List<String> requested = new ArrayList<>(exactNames == null ? List.of() : exactNames);
        Arrays.stream(typed.split("[,\\s]+")).filter(name -> !name.isEmpty()).forEach(requested::add);
        try {
            if (requested.size() > MAX_IMPORT_TABLES) {
                throw ProblemException.badRequest("invalid-import", "at most " + MAX_IMPORT_TABLES + " tables at once");
            }
            List<TableView> imported = importTables.importTables(caller(), id, requested.isEmpty() ? null : requested);
            SchemaSyncMessages msg = SchemaSyncTexts.messages(locale);
            String text = imported.isEmpty() ? msg.nothingToImport()
                    : msg.imported(String.join(", ", imported.stream().map(TableView::name).toList()));
            return Response.ok(page(ds, "", new Notice(text, false))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(page(ds, typed, new Notice(SchemaSyncTexts.messages(locale).nothingImported(locale.problem(refused.problem())), true))).build();
        }
    }

    @GET
    @Path("/datasources/{dsId}/tables/new")
    public TemplateInstance newTable(@PathParam("dsId") UUID datasourceId) {
        return Templates.newTable(visible(datasourceId), "", null);
    }

    /** A new table gets the API's default columns (an {@code id} key and timestamps); the designer changes them. */
    @POST
    @Path("/datasources/{dsId}/tables")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("dsId") UUID datasourceId, @FormParam("name") String name) {
        DataSourceRecord ds = visible(datasourceId);
        String typed = name == null ? "" : name.strip();
        try {
            RequestSchemaChange.Accepted accepted = changes.create(caller(), datasourceId, typed, TableRequests.DEFAULT_COLUMNS);
            return Response.seeOther(URI.create(ConsolePages.PATH + "/tables/" + accepted.tableId())).build();
        } catch (ChangeRefused refused) {
            return Response.status(400).entity(Templates.newTable(ds, typed, SchemaSyncTexts.refusal(refused, locale))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(Templates.newTable(ds, typed, locale.problem(refused.problem()))).build();
        }
    }

    /** Compares the database with every settled table now, recording nothing (a page may be reloaded, prefetched). */
    @GET
    @Path("/datasources/{id}/drift")
    public Response drift(@PathParam("id") UUID id) {
        return drift(id, false);
    }

    /** Compares and records what drifted, as {@code POST /api/v1/datasources/{id}/drift} does. */
    @POST
    @Path("/datasources/{id}/drift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordDrift(@PathParam("id") UUID id) {
        return drift(id, true);
    }

    private Response drift(UUID id, boolean record) {
        DataSourceRecord ds = visible(id);
        try {
            DriftReport report = record ? checkDrift.compareAndRecord(caller(), id) : checkDrift.compare(caller(), id);
            return Response.ok(Templates.drift(DataSourceRow.of(ds), report, queries.tablesOf(id), record, null)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(Templates.drift(DataSourceRow.of(ds), null,
                    queries.tablesOf(id), record, new Notice(SchemaSyncTexts.messages(locale).notCompared(locale.problem(refused.problem())), true)))
                    .build();
        }
    }

    private TemplateInstance page(DataSourceRecord ds, String importNames, Notice notice) {
        return Templates.dataSource(DataSourceRow.of(ds), queries.tablesOf(ds.id()), importNames, notice);
    }

    private DataSourceRecord visible(UUID id) {
        return dataSources.findVisible(caller(), id, DataSources.Lock.NONE).orElseThrow(ConsolePages.NotYours::new);
    }

    private Caller caller() {
        return Caller.of(token);
    }
}
