package io.hybridlicense.admin.console;

import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsoleUser;
import io.hybridlicense.console.api.Notice;
import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.PolicyTerms;
import io.hybridlicense.license.api.PolicyView;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The admins' policy pages: every policy with what uses it, and one policy's terms edited with the version
 * the admin saw (a change made meanwhile is refused and shown, never overwritten). License's own use case
 * through {@link LicenseApi}: the same checks and audit entries as {@code /api/v1/admin/policies}. Same
 * root path as the other admin pages, so that JAX-RS matches each request to its method across the classes.
 */
@Path(AdminConsoleResource.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(UserView.ROLE_ADMIN)
class PolicyConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance policies(List<PolicyView> policies);

        static native TemplateInstance policy(PolicyView policy, Notice notice);

        static native TemplateInstance planNotChanged(UUID userId, Notice notice);
    }

    private final LicenseApi licenses;
    private final ConsoleUser admin;
    private final ConsoleLocale locale;

    PolicyConsoleResource(LicenseApi licenses, ConsoleUser admin, ConsoleLocale locale) {
        this.licenses = licenses;
        this.admin = admin;
        this.locale = locale;
    }

    @GET
    @Path("/policies")
    public TemplateInstance policies() {
        return Templates.policies(licenses.policies());
    }

    @GET
    @Path("/policies/{id}")
    public TemplateInstance policy(@PathParam("id") UUID id) {
        return Templates.policy(licenses.policy(id), null);
    }

    @POST
    @Path("/policies/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("id") UUID id, @FormParam("version") long version, @FormParam("name") String name,
                           @FormParam("seats") String seats, @FormParam("duration") String duration,
                           @FormParam("expiryGrace") String expiryGrace, @FormParam("offlineTtl") String offlineTtl,
                           @FormParam("entitlements") String entitlements) {
        try {
            PolicyView changed = licenses.changePolicy(id, version, new PolicyTerms(name, seatsOf(seats), duration,
                    expiryGrace, offlineTtl, codes(entitlements)), admin.id());
            return Response.ok(Templates.policy(changed, Notice.ok(locale.messages(AdminMessages.class).policySaved()))).build();
        } catch (ProblemException refused) {
            String text = refused.problem().status() == 412
                    ? locale.messages(AdminMessages.class).policyChangedMeanwhile()
                    : locale.messages(AdminMessages.class).notSaved(locale.problem(refused.problem()));
            return Response.status(refused.problem().status())
                    .entity(Templates.policy(licenses.policy(id), Notice.error(text))).build();
        }
    }

    /** An admin moves a user to another plan of the catalogue (the user page's form); back to that page when done. */
    @POST
    @Path("/users/{id}/plan")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePlan(@PathParam("id") UUID userId, @FormParam("plan") String plan) {
        try {
            licenses.changePlan(userId, plan == null ? "" : plan.strip(), admin.id());
            return Response.seeOther(java.net.URI.create(AdminConsoleResource.PATH + "/users/" + userId)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.planNotChanged(userId, Notice.error(locale.messages(AdminMessages.class).notChanged(locale.problem(refused.problem()))))).build();
        }
    }

    private static int seatsOf(String seats) {
        try {
            return Integer.parseInt(seats == null ? "" : seats.strip());
        } catch (NumberFormatException e) {
            return -1; // refused by the use case's own check, with its message
        }
    }

    private static List<String> codes(String entitlements) {
        return entitlements == null || entitlements.isBlank() ? List.of()
                : Arrays.stream(entitlements.split("[,\\s]+")).filter(code -> !code.isEmpty()).toList();
    }
}
