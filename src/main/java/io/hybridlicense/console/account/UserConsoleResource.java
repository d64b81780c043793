package io.hybridlicense.console.account;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.console.ConsoleMessages;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.console.api.ConsoleUser;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseFiles;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * A user's own pages: their plan and subscription, their licenses and the machines they were activated
 * on, each machine's signed license file, and deactivating one to free its seat (license's own use
 * cases, through {@link LicenseApi} and {@link LicenseFiles}).
 * schemasync's data sources and tables pages join these under {@code /console/me/…} (see the nav).
 */
@Path(UserConsoleResource.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserView.ROLE_USER)
class UserConsoleResource {

    static final String PATH = ConsolePaths.ME;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(UserView account, SubscriptionView subscription, List<MachineRow> machines);

        static native TemplateInstance account$machine(MachineRow machine);
    }

    private final AuthApi auth;
    private final LicenseApi licenses;
    private final LicenseFiles files;
    private final ConsoleUser user;
    private final ConsoleLocale locale;

    UserConsoleResource(AuthApi auth, LicenseApi licenses, LicenseFiles files, ConsoleUser user, ConsoleLocale locale) {
        this.auth = auth;
        this.licenses = licenses;
        this.files = files;
        this.user = user;
        this.locale = locale;
    }

    @GET
    public TemplateInstance account() {
        UserView account = auth.findUser(user.id()).orElseThrow(() -> ProblemException.notFound("The account"));
        List<MachineRow> machines = licenses.licensesOf(account.userId()).stream()
                .map(license -> new MachineRow(license, null)).toList();
        return Templates.account(account, licenses.subscriptionOf(account.userId()).orElse(null), machines);
    }

    /** The machine's signed license file, for an offline or air-gapped machine (docs/license-files.md). */
    @GET
    @Path("/licenses/{id}/license-file")
    @Produces(MediaType.TEXT_PLAIN)
    public Response licenseFile(@PathParam("id") UUID licenseId) {
        return Response.ok(files.fileFor(licenseId, user.id()))
                .header("Content-Disposition", "attachment; filename=\"license-" + licenseId + ".lic\"")
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/licenses/{id}/deactivate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deactivate(@PathParam("id") UUID licenseId) {
        try {
            LicenseView license = licenses.deactivate(licenseId, user.id());
            return Response.ok(Templates.account$machine(new MachineRow(license,
                    Notice.ok(locale.messages(ConsoleMessages.class).deactivated())))).build();
        } catch (ProblemException refused) {
            LicenseView current = licenses.findLicense(licenseId)
                    .filter(found -> found.userId().equals(user.id()))
                    .orElseThrow(() -> refused);
            return Response.status(refused.problem().status()).entity(Templates.account$machine(new MachineRow(current,
                    Notice.error(locale.messages(ConsoleMessages.class).notDeactivated(locale.problem(refused.problem())))))).build();
        }
    }
}
