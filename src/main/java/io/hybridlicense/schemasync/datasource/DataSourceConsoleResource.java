package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.schemasync.console.ConsolePages;
import io.hybridlicense.schemasync.console.SchemaSyncTexts;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Data sources in the console: a user's own (an admin's: everyone's), registering one with the API's
 * own checks, and checking that it answers (a data source's own page, with its tables, is the table
 * package's DataSourceTablesConsoleResource). Same root path as the other
 * {@code /console/me} pages, so that JAX-RS matches each request to its method across the classes.
 */
@Path(ConsolePages.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"user", "admin"})
@Blocking
class DataSourceConsoleResource {

    /** The answer of "check": whether the database answered, and its product and version if so. */
    record Check(boolean reachable, String text) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dataSources(List<DataSourceRow> rows, DataSourceForm form, boolean admin);

        static native TemplateInstance check(UUID datasourceId, Check check);
    }

    private final JsonWebToken token;
    private final DataSources dataSources;
    private final RegisterDataSource register;
    private final Targets targets;
    private final Validator validator;
    private final ConsoleLocale locale;

    DataSourceConsoleResource(JsonWebToken token, DataSources dataSources, RegisterDataSource register, Targets targets,
                              Validator validator, ConsoleLocale locale) {
        this.locale = locale;
        this.token = token;
        this.dataSources = dataSources;
        this.register = register;
        this.targets = targets;
        this.validator = validator;
    }

    @GET
    @Path("/datasources")
    public TemplateInstance list() {
        return page(DataSourceForm.empty());
    }

    @POST
    @Path("/datasources")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("kind") String kind, @FormParam("host") String host,
                           @FormParam("port") String port, @FormParam("database") String database,
                           @FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("file") String file, @FormParam("create") boolean create) {
        DataSourceForm form = new DataSourceForm(name, kind, host, port, database, username, file, create, java.util.Map.of());
        try {
            DataSourceRecord ds = register.register(Caller.of(token), form.toRequest(password, validator, this::invalidField));
            return Response.seeOther(URI.create(ConsolePages.DATA_SOURCES + "/" + ds.id())).build();
        } catch (DataSourceForm.Invalid invalid) {
            return Response.status(400).entity(page(invalid.form())).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(page(form.refusedWith(refused, locale.problem(refused.problem())))).build();
        }
    }

    @POST
    @Path("/datasources/{id}/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance check(@PathParam("id") UUID id) {
        DataSourceRecord ds = visible(id);
        Check check = targets.serverVersion(ds).map(version -> new Check(true, SchemaSyncTexts.messages(locale).reachable(version)))
                .orElseGet(() -> new Check(false, unreachable()));
        return Templates.check(ds.id(), check);
    }

    /** A field the API's rules refuse: its English sentence, in Japanese after the problem type's. */
    private String invalidField(String english) {
        return locale.problem(Problem.of(400, "invalid-request", "Bad Request", english));
    }

    /** The API's one sentence for every failure; in Japanese, that of the problem type {@code datasource-unreachable}. */
    private String unreachable() {
        return locale.problem(Problem.of(502, "datasource-unreachable", "Bad Gateway", DataSourceResource.UNREACHABLE + "."));
    }

    private TemplateInstance page(DataSourceForm form) {
        Caller caller = Caller.of(token);
        List<DataSourceRow> rows = dataSources.list(caller.admin() ? null : caller.userId().toString()).stream()
                .map(DataSourceRow::of).toList();
        return Templates.dataSources(rows, form, caller.admin());
    }

    private DataSourceRecord visible(UUID id) {
        return dataSources.findVisible(Caller.of(token), id, DataSources.Lock.NONE).orElseThrow(ConsolePages.NotYours::new);
    }
}
