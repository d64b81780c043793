package io.hybridlicense.webhooks.console;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.webhooks.delivery.DeliveryResponse;
import io.hybridlicense.webhooks.delivery.ManageDeliveries;
import io.hybridlicense.webhooks.endpoint.EndpointRequest;
import io.hybridlicense.webhooks.endpoint.EndpointResponse;
import io.hybridlicense.webhooks.endpoint.EventTypes;
import io.hybridlicense.webhooks.endpoint.ManageEndpoints;
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
 * Webhook endpoints in the console. Users manage their own (their events only); admins every endpoint,
 * and those they add hear every user's events. Same use cases, checks and audit entries as the API; a
 * refusal is shown on the page with the API's detail. Another user's endpoint answers 404 like the API.
 */
@Path(ConsolePaths.ME + "/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"user", "admin"})
@Blocking
class WebhookConsoleResource {

    /** The form's values, and why it was refused (never the secret). */
    record Form(String url, List<String> events, String description, String error) {

        static Form empty() {
            return new Form("", List.of(), "", null);
        }

        public boolean has(String type) {
            return events != null && events.contains(type);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance endpoints(List<EndpointResponse> endpoints, Form form, List<String> types,
                                                 boolean admin, EndpointResponse revealed);

        static native TemplateInstance endpoint(EndpointResponse endpoint, List<DeliveryResponse> deliveries, Form form,
                                                List<String> types, String notice, String secret);
    }

    private final JsonWebToken token;
    private final ManageEndpoints endpoints;
    private final ManageDeliveries deliveries;
    private final Validator validator;
    private final ConsoleLocale locale;

    WebhookConsoleResource(JsonWebToken token, ManageEndpoints endpoints, ManageDeliveries deliveries, Validator validator,
                           ConsoleLocale locale) {
        this.locale = locale;
        this.token = token;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.validator = validator;
    }

    @GET
    public TemplateInstance list() {
        return listPage(Form.empty(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("url") String url, @FormParam("events") List<String> events,
                           @FormParam("description") String description) {
        Form form = new Form(url, events == null ? List.of() : events, description, null);
        try {
            EndpointResponse created = endpoints.register(scope(), request(form));
            return Response.status(201).entity(listPage(Form.empty(), created)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(listPage(new Form(url, form.events(), description, locale.problem(refused.problem())), null)).build();
        }
    }

    @GET
    @Path("/{id}")
    public TemplateInstance show(@PathParam("id") UUID id) {
        return detail(id, null, null, null);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") UUID id, @FormParam("url") String url, @FormParam("events") List<String> events,
                         @FormParam("description") String description) {
        Form form = new Form(url, events == null ? List.of() : events, description, null);
        try {
            endpoints.update(scope(), id, request(form));
            return Response.ok(detail(id, null, msg().saved(), null)).build();
        } catch (ProblemException refused) {
            if (refused.problem().status() == 404) {
                throw refused;
            }
            return Response.status(refused.problem().status())
                    .entity(detail(id, new Form(url, form.events(), description, locale.problem(refused.problem())), null, null)).build();
        }
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance enable(@PathParam("id") UUID id) {
        endpoints.setEnabled(scope(), id, true);
        return detail(id, null, msg().isEnabled(), null);
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance disable(@PathParam("id") UUID id) {
        endpoints.setEnabled(scope(), id, false);
        return detail(id, null, msg().disabledNotice(), null);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance rotate(@PathParam("id") UUID id) {
        String secret = endpoints.rotate(scope(), id).secret();
        return detail(id, null, msg().newSecret(), secret);
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance test(@PathParam("id") UUID id) {
        deliveries.sendTest(scope(), id);
        return detail(id, null, msg().testQueued(), null);
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/redeliver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance redeliver(@PathParam("id") UUID id, @PathParam("delivery") UUID delivery) {
        deliveries.redeliver(scope(), id, delivery);
        return detail(id, null, msg().requeued(), null);
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") UUID id) {
        endpoints.delete(scope(), id);
        return Response.seeOther(URI.create(ConsolePaths.ME + "/webhooks")).build();
    }

    private TemplateInstance listPage(Form form, EndpointResponse revealed) {
        return Templates.endpoints(endpoints.list(scope()), form, EventTypes.ALL, scope().caller().admin(), revealed);
    }

    private TemplateInstance detail(UUID id, Form form, String notice, String secret) {
        EndpointResponse endpoint = EndpointResponse.of(endpoints.get(scope(), id));
        Form shown = form != null ? form
                : new Form(endpoint.url(), endpoint.events(), endpoint.description() == null ? "" : endpoint.description(), null);
        return Templates.endpoint(endpoint, deliveries.list(scope(), id, null, 50), shown, EventTypes.ALL, notice, secret);
    }

    private EndpointRequest request(Form form) {
        EndpointRequest request = new EndpointRequest(form.url(), form.events(),
                form.description() == null || form.description().isBlank() ? null : form.description());
        if (!validator.validate(request).isEmpty()) {
            throw ProblemException.badRequest("invalid-webhook", "Give a URL and at least one event");
        }
        return request;
    }

    /** An admin manages every endpoint, and adds ones that hear every user; a user only their own. */
    private ManageEndpoints.Scope scope() {
        Caller caller = Caller.of(token);
        return new ManageEndpoints.Scope(caller, caller.admin());
    }

    private WebhookMessages msg() {
        return locale.messages(WebhookMessages.class);
    }
}
