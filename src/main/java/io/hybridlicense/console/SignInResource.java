package io.hybridlicense.console;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.SetupApi;
import io.hybridlicense.auth.api.SignedIn;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.console.api.ConsoleUser;
import io.hybridlicense.shared.ClientAddress;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The console's entrance: {@code /} and {@code /console} lead to the right start page (the set-up page
 * while no admin exists), sign-in through
 * auth's login (the same rate limits and lockout as {@code POST /api/v1/auth/login}), sign-out (which
 * ends every session of the user, as {@code POST /api/v1/auth/logout} does: a copied cookie is void too).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class SignInResource {

    private static final int MAX_EMAIL = 254;
    private static final int MAX_PASSWORD = 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String email, String error, String notice, boolean selfRegistration,
                                              boolean setupOpen);
    }

    private static final String TEMPORARY = "urn:hybrid-license:problem:password-change-required";

    private final AuthApi auth;
    private final SetupApi setup;
    private final ConsoleUser user;
    private final ConsoleLocale locale;

    SignInResource(AuthApi auth, SetupApi setup, ConsoleUser user, ConsoleLocale locale) {
        this.auth = auth;
        this.setup = setup;
        this.user = user;
        this.locale = locale;
    }

    /** While no admin exists, the entrance is the set-up page. */
    @GET
    @PermitAll
    public Response root() {
        return Response.seeOther(URI.create(setup.adminExists() ? ConsoleSession.PATH : FirstRunResource.SETUP)).build();
    }

    /** Signed out: to sign in (any stale cookie dropped), or to the set-up page while no admin exists. */
    @GET
    @Path("console")
    @PermitAll
    public Response start(@Context HttpServerRequest http) {
        if (!user.isSignedIn()) {
            return setup.adminExists() ? ConsoleSession.toSignIn(http)
                    : Response.seeOther(URI.create(FirstRunResource.SETUP)).build();
        }
        return Response.seeOther(URI.create(user.isAdmin() ? ConsolePaths.ADMIN : ConsolePaths.ME)).build();
    }

    @GET
    @Path("console/sign-in")
    @PermitAll
    public Response signInPage(@QueryParam("setup") String setupDone, @QueryParam("registered") String registered,
                               @QueryParam("changed") String changed) {
        ConsoleMessages msg = locale.messages(ConsoleMessages.class);
        String notice = setupDone != null ? msg.firstAdminMade()
                : registered != null ? msg.accountMade()
                : changed != null ? msg.newPasswordSet() : null;
        return Response.ok(Templates.signIn("", null, notice, auth.selfRegistrationOpen(), !setup.adminExists())).build();
    }

    @POST
    @Path("console/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password,
                           @Context HttpServerRequest http) {
        String typed = email == null || email.length() > MAX_EMAIL ? "" : email;
        if (typed.isBlank() || password == null || password.isEmpty() || password.length() > MAX_PASSWORD) {
            return Response.status(400).entity(Templates.signIn(typed, locale.messages(ConsoleMessages.class).enterEmailAndPassword(), null,
                    auth.selfRegistrationOpen(), false)).build();
        }
        try {
            SignedIn signedIn = auth.signIn(typed, password, ClientAddress.of(http));
            return ConsoleSession.start(Response.seeOther(URI.create(ConsoleSession.PATH)), signedIn.accessToken(),
                    signedIn.lifetime(), http).build();
        } catch (ProblemException refused) {
            if (TEMPORARY.equals(refused.problem().type())) {
                return Response.ok(FirstRunResource.changePasswordFor(typed, locale.messages(ConsoleMessages.class))).build();
            }
            Response.ResponseBuilder page = Response.status(refused.problem().status())
                    .entity(Templates.signIn(typed, locale.problem(refused.problem()), null, auth.selfRegistrationOpen(),
                            false));
            refused.headers().forEach(page::header);
            return page.build();
        }
    }

    @POST
    @Path("console/sign-out")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@Context HttpServerRequest http) {
        if (user.isSignedIn()) {
            auth.signOut(user.id());
        }
        return ConsoleSession.toSignIn(http);
    }
}
