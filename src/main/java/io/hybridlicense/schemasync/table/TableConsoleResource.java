package io.hybridlicense.schemasync.table;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.schemasync.api.ColumnView;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.console.ConsolePages;
import io.hybridlicense.schemasync.console.SchemaSyncMessages;
import io.hybridlicense.schemasync.console.SchemaSyncTexts;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.schemasync.domain.ColumnAlteration;
import io.hybridlicense.schemasync.eventstore.TableStreams;
import io.hybridlicense.schemasync.table.DesignerViews.ColumnForm;
import io.hybridlicense.schemasync.table.DesignerViews.ColumnRow;
import io.hybridlicense.schemasync.table.DesignerViews.Designer;
import io.hybridlicense.schemasync.table.DesignerViews.TimelineEntry;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The table designer: create a table, add, rename, retype and drop columns (the same use case as the
 * API, with the version the page showed as If-Match, so a change made meanwhile is refused, never
 * overwritten), the live status of pending changes (htmx polls a small fragment while one is pending),
 * the table's timeline with its schema at any version and "revert to here", and reconciling a drifted
 * table (apply / adopt).
 */
@Path(ConsolePages.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"user", "admin"})
@Blocking
class TableConsoleResource {

    /** Fired (HX-Trigger) when the polled status leaves "pending": the columns are then re-read. */
    static final String SETTLED_EVENT = "table-settled";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance designer(Designer designer);

        static native TemplateInstance designer$designer(Designer designer);

        static native TemplateInstance designer$status(Designer designer);

        static native TemplateInstance timeline(TableView table, List<TimelineEntry> entries, TableView then, Notice notice);

        static native TemplateInstance timeline$schema(TableView table, TableView then);
    }

    private final JsonWebToken token;
    private final RequestSchemaChange changes;
    private final TableQueries queries;
    private final DataSources dataSources;
    private final Catalogues catalogues;
    private final ConsoleLocale locale;

    TableConsoleResource(JsonWebToken token, RequestSchemaChange changes, TableQueries queries, DataSources dataSources,
                         Catalogues catalogues, ConsoleLocale locale) {
        this.token = token;
        this.changes = changes;
        this.queries = queries;
        this.dataSources = dataSources;
        this.catalogues = catalogues;
        this.locale = locale;
    }

    @GET
    @Path("/tables/{id}")
    public TemplateInstance designer(@PathParam("id") UUID id) {
        return Templates.designer(designerOf(visible(id), ColumnForm.empty(), Map.of(), null));
    }

    /** The designer's columns and forms alone: what the page re-reads once a pending change settled. */
    @GET
    @Path("/tables/{id}/designer")
    public TemplateInstance designerFragment(@PathParam("id") UUID id) {
        return Templates.designer$designer(designerOf(visible(id), ColumnForm.empty(), Map.of(), null));
    }

    /** Polled every second while a change is pending; says when it settled so the columns are re-read. */
    @GET
    @Path("/tables/{id}/status")
    public Response status(@PathParam("id") UUID id) {
        Designer designer = designerOf(visible(id), ColumnForm.empty(), Map.of(), null);
        Response.ResponseBuilder response = Response.ok(Templates.designer$status(designer));
        return (designer.pending() ? response : response.header("HX-Trigger", SETTLED_EVENT)).build();
    }

    @POST
    @Path("/tables/{id}/columns")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addColumn(@PathParam("id") UUID id, @FormParam("version") int version, @FormParam("name") String name,
                              @FormParam("base") String base, @FormParam("size") String size,
                              @FormParam("nullable") boolean nullable, @FormParam("default") String defaultValue,
                              @HeaderParam("HX-Request") String htmx) {
        TableStreams.Registration registration = visible(id);
        ColumnForm form = new ColumnForm(trim(name), trim(base), trim(size), nullable, defaultValue == null ? "" : defaultValue, Map.of());
        return change(registration, version, htmx, form, null, () -> {
            String type = form.type(this::refusal);
            return new SchemaChangeCommand.AddColumn(new SchemaChangeCommand.ColumnInput(form.name(), type, nullable,
                    form.defaultOf(type, msg()), false));
        }, added -> msg().columnRequested(form.name()));
    }

    /**
     * Rename, retype or change the nullability of one column: only what differs from the page is sent. The
     * column is named in a form field, never in the path: a name the database allows ({@code a/drop},
     * {@code x?y}, {@code %}) must not turn into another address, and so into another action.
     */
    @POST
    @Path("/tables/{id}/columns/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response alterColumn(@PathParam("id") UUID id, @FormParam("column") String column,
                                @FormParam("version") int version, @FormParam("name") String name,
                                @FormParam("base") String base, @FormParam("size") String size,
                                @FormParam("nullable") boolean nullable, @HeaderParam("HX-Request") String htmx) {
        TableStreams.Registration registration = visible(id);
        ColumnView current = queries.table(id).flatMap(t -> t.columns().stream().filter(c -> c.name().equals(column)).findFirst())
                .orElse(null);
        ColumnForm form = new ColumnForm(trim(name), trim(base), trim(size), nullable, "", Map.of());
        return change(registration, version, htmx, ColumnForm.empty(), Map.entry(column, form), () -> {
            if (current == null) {
                throw new ChangeRefused(ChangeRefused.Reason.NOT_FOUND, "The column does not exist");
            }
            // a native: column's form has no type fields: it is renamed or its nullability changed, never retyped
            String type = base == null ? null : form.type(this::refusal);
            ColumnAlteration alteration = new ColumnAlteration(form.name().equals(current.name()) ? null : form.name(),
                    type == null || type.equals(current.type()) ? null : type,
                    nullable == current.nullable() || current.primaryKey() ? null : nullable, null, false);
            return new SchemaChangeCommand.AlterColumn(column, alteration);
        }, altered -> msg().columnChangeRequested(column));
    }

    /** Drops the column named in the form field (see {@link #alterColumn}). */
    @POST
    @Path("/tables/{id}/columns/drop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dropColumn(@PathParam("id") UUID id, @FormParam("column") String column,
                               @FormParam("version") int version, @HeaderParam("HX-Request") String htmx) {
        return change(visible(id), version, htmx, ColumnForm.empty(), null, () -> new SchemaChangeCommand.DropColumn(column),
                dropped -> msg().dropRequested(column));
    }

    @GET
    @Path("/tables/{id}/timeline")
    public TemplateInstance timeline(@PathParam("id") UUID id, @QueryParam("version") Integer version) {
        TableStreams.Registration registration = visible(id);
        TableView then = version == null ? null : queries.atVersion(registration, Math.max(version, 1)).orElse(null);
        return timelinePage(registration, then, null);
    }

    /** Back to the table's shape at a version, as one change; what it would lose is named, and kept unless allowed. */
    @POST
    @Path("/tables/{id}/revert")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revert(@PathParam("id") UUID id, @FormParam("version") int version, @FormParam("toVersion") int toVersion,
                           @FormParam("allowDataLoss") boolean allowDataLoss) {
        TableStreams.Registration registration = visible(id);
        return settled(registration, version, new SchemaChangeCommand.Revert(toVersion, allowDataLoss),
                msg().revertRequested(toVersion), msg()::notReverted, true);
    }

    /** Drift: {@code apply} brings the database back to the model, {@code adopt} takes the database's shape as the model. */
    @POST
    @Path("/tables/{id}/reconcile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reconcile(@PathParam("id") UUID id, @FormParam("version") int version, @FormParam("strategy") String strategy,
                              @FormParam("allowDataLoss") boolean allowDataLoss) {
        TableStreams.Registration registration = visible(id);
        if (!"apply".equals(strategy) && !"adopt".equals(strategy)) {
            return refusedOnDesigner(registration, 400, msg().chooseApplyOrAdopt());
        }
        DataSourceRecord ds = dataSources.find(registration.datasourceId()).orElseThrow(ConsolePages.NotYours::new);
        try {
            SchemaChangeCommand command = new SchemaChangeCommand.Reconcile(strategy, catalogues.read(ds), allowDataLoss);
            return settled(registration, version, command, "apply".equals(strategy)
                    ? msg().applying() : msg().adopted(), msg()::notReconciled, false);
        } catch (ProblemException unreachable) {
            return refusedOnDesigner(registration, unreachable.problem().status(),
                    msg().notReconciled(locale.problem(unreachable.problem())));
        }
    }

    private Response refusedOnDesigner(TableStreams.Registration registration, int status, String text) {
        return Response.status(status).entity(Templates.designer(designerOf(registration, ColumnForm.empty(), Map.of(),
                new Notice(text, true)))).build();
    }

    /** A whole-table change (revert, reconcile): the designer with its outcome, or the refusal where it was asked. */
    private Response settled(TableStreams.Registration registration, int version, SchemaChangeCommand command, String done,
                             Function<String, String> notDone, boolean fromTimeline) {
        Notice refusal;
        int status;
        try {
            changes.change(caller(), registration.tableId(), version, command);
            return Response.ok(Templates.designer(designerOf(registration, ColumnForm.empty(), Map.of(),
                    new Notice(done, false)))).build();
        } catch (ChangeRefused refused) {
            status = statusOf(refused);
            refusal = new Notice(notDone.apply(refusal(refused)
                    + (refused.reason() == ChangeRefused.Reason.DATA_LOSS ? " " + msg().tickAcceptLosingData() : "")), true);
        } catch (ProblemException refused) {
            status = refused.problem().status();
            refusal = new Notice(notDone.apply(status == 412 ? msg().stale() : locale.problem(refused.problem())), true);
        }
        TemplateInstance page = fromTimeline ? timelinePage(registration, null, refusal)
                : Templates.designer(designerOf(registration, ColumnForm.empty(), Map.of(), refusal));
        return Response.status(status).entity(page).build();
    }

    private TemplateInstance timelinePage(TableStreams.Registration registration, TableView then, Notice notice) {
        List<TimelineEntry> entries = new java.util.ArrayList<>(queries.history(registration.tableId()).stream()
                .map(stored -> TimelineEntry.of(stored, msg())).toList());
        java.util.Collections.reverse(entries);
        TableView table = queries.table(registration.tableId()).orElseThrow(ConsolePages.NotYours::new);
        return Templates.timeline(table, entries, then, notice);
    }

    private static int statusOf(ChangeRefused refused) {
        return switch (refused.reason()) {
            case UNSUPPORTED, DATA_LOSS -> 422;
            case CONFLICT, DRIFTED -> 409;
            case NOT_FOUND -> 404;
            default -> 400;
        };
    }

    /** The schema as changes 1..version (and their outcomes) left it: rebuilt from the events. */
    @GET
    @Path("/tables/{id}/schema")
    public TemplateInstance schemaAt(@PathParam("id") UUID id, @QueryParam("version") int version) {
        TableStreams.Registration registration = visible(id);
        TableView then = queries.atVersion(registration, Math.max(version, 1)).orElseThrow(ConsolePages.NotYours::new);
        return Templates.timeline$schema(queries.table(id).orElseThrow(ConsolePages.NotYours::new), then);
    }

    /**
     * Records a change through the API's use case; answers the designer (its fragment to htmx, the whole
     * page otherwise) with the outcome next to the form it came from.
     *
     * @param edited the column whose edit form was sent, with what was typed, or {@code null}
     */
    private Response change(TableStreams.Registration registration, int version, String htmx, ColumnForm add,
                            Map.Entry<String, ColumnForm> edited, java.util.function.Supplier<SchemaChangeCommand> command,
                            Function<RequestSchemaChange.Accepted, String> done) {
        int status = 200;
        Notice notice;
        Map<String, ColumnForm> edits = Map.of();
        ColumnForm addForm = ColumnForm.empty();
        try {
            RequestSchemaChange.Accepted accepted = changes.change(caller(), registration.tableId(), version, command.get());
            notice = new Notice(done.apply(accepted), false);
        } catch (DesignerViews.Invalid invalid) {
            status = 400;
            notice = null;
            if (edited == null) {
                addForm = invalid.form();
            } else {
                edits = Map.of(edited.getKey(), invalid.form());
            }
        } catch (ChangeRefused refused) {
            status = statusOf(refused);
            notice = null;
            if (refused.reason() == ChangeRefused.Reason.DRIFTED) {
                notice = new Notice(msg().notChanged(refusal(refused)), true);
            } else if (edited == null) {
                addForm = add.refusedWith(refused, refusal(refused));
            } else {
                edits = Map.of(edited.getKey(), edited.getValue().refusedWith(refused, refusal(refused)));
            }
        } catch (ProblemException refused) {
            status = refused.problem().status();
            notice = new Notice(msg().notChanged(status == 412 ? msg().stale() : locale.problem(refused.problem())), true);
            if (edited == null) {
                addForm = add;
            }
        }
        Designer designer = designerOf(registration, addForm, edits, notice);
        TemplateInstance page = htmx != null ? Templates.designer$designer(designer) : Templates.designer(designer);
        return Response.status(status).entity(page).build();
    }

    private Designer designerOf(TableStreams.Registration registration, ColumnForm add, Map<String, ColumnForm> edits,
                                Notice notice) {
        TableView table = queries.table(registration.tableId()).orElseThrow(ConsolePages.NotYours::new);
        DataSourceRecord ds = dataSources.find(registration.datasourceId()).orElseThrow(ConsolePages.NotYours::new);
        List<ColumnRow> rows = table.columns().stream()
                .map(column -> new ColumnRow(column, edits.getOrDefault(column.name(), ColumnForm.of(column)))).toList();
        return new Designer(table, ds.name(), ds.dialect(), rows, add, notice);
    }

    private TableStreams.Registration visible(UUID id) {
        return queries.registration(caller(), id).orElseThrow(ConsolePages.NotYours::new);
    }

    private String refusal(ChangeRefused refused) {
        return SchemaSyncTexts.refusal(refused, locale);
    }

    private SchemaSyncMessages msg() {
        return SchemaSyncTexts.messages(locale);
    }

    private Caller caller() {
        return Caller.of(token);
    }

    private static String trim(String value) {
        return Objects.requireNonNullElse(value, "").strip();
    }
}
