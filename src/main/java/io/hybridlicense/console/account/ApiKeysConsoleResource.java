package io.hybridlicense.console.account;

import io.hybridlicense.auth.api.ApiKeyView;
import io.hybridlicense.auth.api.ApiKeysApi;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.auth.api.CreatedApiKey;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.console.ConsoleMessages;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.console.api.ConsoleUser;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A user's API keys (name, prefix, scopes, created, last used, expiry), created with the secret shown once
 * and a copy button, and revoked; an admin also sees and manages the back-office keys. Through auth's
 * {@link ApiKeysApi}, with the session's identity (keys themselves never reach the console).
 */
@Path(ApiKeysConsoleResource.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserView.ROLE_USER)
class ApiKeysConsoleResource {

    static final String PATH = ConsolePaths.ME + "/api-keys";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance apiKeys(List<ApiKeyView> keys, List<ApiKeyView> backOfficeKeys, List<String> userScopes,
                                               List<String> adminScopes, boolean admin, CreatedApiKey created, Notice notice);
    }

    private final ApiKeysApi apiKeys;
    private final ConsoleUser user;
    private final ConsoleLocale locale;

    ApiKeysConsoleResource(ApiKeysApi apiKeys, ConsoleUser user, ConsoleLocale locale) {
        this.apiKeys = apiKeys;
        this.user = user;
        this.locale = locale;
    }

    @GET
    public TemplateInstance list() {
        return page(null, null);
    }

    /** Answers the page itself (not a redirect): the secret is in this answer and nowhere else. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("scope") List<String> scopes,
                           @FormParam("expires") String expires, @FormParam("backOffice") boolean backOffice) {
        try {
            CreatedApiKey created = apiKeys.create(caller(), backOffice, name, scopes, expiry(expires));
            return Response.status(Response.Status.CREATED).entity(page(created, Notice.ok(msg().keyCreated()))).header("Cache-Control", "no-store").build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(page(null, Notice.error(msg().notCreated(locale.problem(refused.problem()))))).build();
        }
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") UUID id, @FormParam("backOffice") boolean backOffice) {
        try {
            apiKeys.revoke(caller(), backOffice, id);
            return Response.seeOther(URI.create(PATH)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(page(null, Notice.error(msg().notRevoked(locale.problem(refused.problem()))))).build();
        }
    }

    private TemplateInstance page(CreatedApiKey created, Notice notice) {
        Caller caller = caller();
        List<ApiKeyView> backOffice = caller.admin() ? apiKeys.keysOf(caller, true) : List.of();
        return Templates.apiKeys(apiKeys.keysOf(caller, false), backOffice, scopes(false), scopes(true), caller.admin(),
                created, notice);
    }

    private ConsoleMessages msg() {
        return locale.messages(ConsoleMessages.class);
    }

    private Caller caller() {
        return new Caller(user.id(), user.isAdmin());
    }

    private static List<String> scopes(boolean admin) {
        return Arrays.stream(ApiScope.values()).filter(ApiScope.grantable(admin)::contains).map(ApiScope::wireName).toList();
    }

    /** A date ({@code 2027-01-31}): the key expires at its start, UTC. Blank: never. */
    private static Instant expiry(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-expiry", "The expiry must be a date (YYYY-MM-DD)");
        }
    }
}
