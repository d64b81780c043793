package io.hybridlicense.console;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.SetupApi;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.shared.ClientAddress;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a newcomer meets before signing in: the set-up of the first admin (while none exists), the sign-up
 * (while self-registration is open), what to do about a forgotten password, and replacing a temporary one.
 * Each form goes through auth's own use case, so its rules, limits and answers are the API's.
 */
@Path("/") // the same root as SignInResource (merged): a class under /console would hide its /console/* paths
@Produces(MediaType.TEXT_HTML)
@PermitAll
class FirstRunResource {

    static final String SETUP = ConsolePaths.ROOT + "/setup";
    private static final int MAX_FIELD = 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance setup(String email, boolean codeRequired, Notice notice);

        static native TemplateInstance signUp(String email, Notice notice);

        static native TemplateInstance forgotPassword(boolean selfRegistration);

        static native TemplateInstance changePassword(String email, Notice notice);

        static native TemplateInstance notFound();
    }

    private final AuthApi auth;
    private final SetupApi setup;
    private final ConsoleLocale locale;

    FirstRunResource(AuthApi auth, SetupApi setup, ConsoleLocale locale) {
        this.auth = auth;
        this.setup = setup;
        this.locale = locale;
    }

    @GET
    @Path("console/setup")
    public Response setupPage() {
        if (setup.adminExists()) {
            return Response.seeOther(URI.create(ConsolePaths.SIGN_IN)).build();
        }
        setup.prepare();
        return noStore(Response.ok(Templates.setup("", setup.codeRequired(), null)));
    }

    @POST
    @Path("console/setup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createFirstAdmin(@FormParam("email") String email, @FormParam("password") String password,
                                     @FormParam("code") String code, @Context HttpServerRequest http) {
        String typed = kept(email);
        try {
            setup.createFirstAdmin(typed, bounded(password), bounded(code), ClientAddress.of(http));
            return Response.seeOther(URI.create(ConsolePaths.SIGN_IN + "?setup=done")).build();
        } catch (ProblemException refused) {
            return refusal(refused, Templates.setup(typed, setup.codeRequired(), Notice.error(messageOf(refused, locale))));
        }
    }

    @GET
    @Path("console/sign-up")
    public Response signUpPage() {
        return auth.selfRegistrationOpen() ? Response.ok(Templates.signUp("", null)).build() : notFound();
    }

    @POST
    @Path("console/sign-up")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("email") String email, @FormParam("password") String password,
                           @Context HttpServerRequest http) {
        if (!auth.selfRegistrationOpen()) {
            return notFound();
        }
        String typed = kept(email);
        try {
            auth.register(typed, bounded(password), ClientAddress.of(http));
            return Response.seeOther(URI.create(ConsolePaths.SIGN_IN + "?registered=yes")).build();
        } catch (ProblemException refused) {
            return refusal(refused, Templates.signUp(typed, Notice.error(messageOf(refused, locale))));
        }
    }

    @GET
    @Path("console/forgot-password")
    public TemplateInstance forgotPassword() {
        return Templates.forgotPassword(auth.selfRegistrationOpen());
    }

    @GET
    @Path("console/change-password")
    public TemplateInstance changePasswordPage() {
        return Templates.changePassword("", null);
    }

    @POST
    @Path("console/change-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(@FormParam("email") String email, @FormParam("temporaryPassword") String temporary,
                                   @FormParam("newPassword") String newPassword, @Context HttpServerRequest http) {
        String typed = kept(email);
        try {
            auth.replaceTemporaryPassword(typed, bounded(temporary), bounded(newPassword), ClientAddress.of(http));
            return Response.seeOther(URI.create(ConsolePaths.SIGN_IN + "?changed=yes")).build();
        } catch (ProblemException refused) {
            return refusal(refused, Templates.changePassword(typed, Notice.error(messageOf(refused, locale))));
        }
    }

    /** The page after a sign-in with a temporary password: the email kept, the passwords asked for. */
    static TemplateInstance changePasswordFor(String email, ConsoleMessages msg) {
        return Templates.changePassword(email, Notice.error(msg.passwordIsTemporary()));
    }

    private static Response notFound() {
        return Response.status(404).entity(Templates.notFound()).build();
    }

    private static Response refusal(ProblemException refused, TemplateInstance page) {
        Response.ResponseBuilder answer = Response.status(refused.problem().status()).entity(page);
        refused.headers().forEach(answer::header);
        return answer.build();
    }

    private static Response noStore(Response.ResponseBuilder page) {
        return page.header("Cache-Control", "no-store").build();
    }

    /** What the API says, in words for a form: its field rules named, other refusals as it details them. */
    static String messageOf(ProblemException refused, ConsoleLocale locale) {
        Problem problem = refused.problem();
        if (problem.errors() == null || problem.errors().isEmpty()) {
            return locale.problem(problem);
        }
        ConsoleMessages msg = locale.messages(ConsoleMessages.class);
        Set<String> messages = new LinkedHashSet<>();
        for (Problem.FieldError error : problem.errors()) {
            messages.add(error.field().equals("email") ? msg.invalidEmail() : msg.invalidPassword());
        }
        return String.join(" ", messages);
    }

    /** A typed email shown again only when it is plausible; a password or code too long is refused by auth's rules. */
    private static String kept(String email) {
        return email == null || email.length() > 254 ? "" : email;
    }

    private static String bounded(String value) {
        return value == null ? "" : value.length() > MAX_FIELD * 4 ? value.substring(0, MAX_FIELD * 4) : value;
    }
}
