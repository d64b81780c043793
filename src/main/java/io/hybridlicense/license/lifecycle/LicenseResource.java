package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.ETags;
import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.license.activation.ActivateLicense;
import io.hybridlicense.license.activation.ActivateLicenseCommand;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.validation.ValidateLicense;
import io.hybridlicense.license.validation.ValidationJson;
import io.hybridlicense.license.policy.Entitlements;
import io.hybridlicense.shared.ClientAddress;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/* Bodies wrapped in a Response are invisible to the native build's reflection analysis. */
@RegisterForReflection(targets = {LicenseResponses.Activated.class, LicenseView.class, LicenseResponses.Detail.class})
@Path("/api/v1/licenses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class LicenseResource {

    private final ActivateLicense activation;
    private final ValidateLicense validation;
    private final ChangeLicenseStatus changes;
    private final ExtendLicense extension;
    private final LicenseFacade licenses;
    private final JsonWebToken token;
    private final Entitlements entitlements;

    LicenseResource(ActivateLicense activation, ValidateLicense validation, ChangeLicenseStatus changes,
                    ExtendLicense extension, LicenseFacade licenses, JsonWebToken token, Entitlements entitlements) {
        this.entitlements = entitlements;
        this.extension = extension;
        this.activation = activation;
        this.validation = validation;
        this.changes = changes;
        this.licenses = licenses;
        this.token = token;
    }

    @POST
    @Path("/activate")
    @PermitAll
    public Response activate(@Valid @NotNull LicenseRequests.Activate request, @Context HttpServerRequest http) {
        ActivateLicense.Activation result = activation.activate(new ActivateLicenseCommand(
                request.email(), request.password(), request.clientId(), ClientAddress.of(http)));
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(LicenseResponses.Activated.of(result)).build();
    }

    /**
     * Documents validation and answers it when {@code hl.license.validation.event-loop-route=false};
     * otherwise validation's {@code LicenseValidationRoute} answers first, with the same contract.
     */
    @POST
    @Path("/validate")
    @PermitAll
    public Uni<LicenseResponses.Validation> validate(@Valid @NotNull LicenseRequests.Validate request) {
        Problem badCodes = ValidationJson.checkRequired(request.requireEntitlements());
        if (badCodes != null) {
            throw new ProblemException(badCodes);
        }
        List<String> required = request.requireEntitlements() == null ? List.of() : request.requireEntitlements();
        return Uni.createFrom().completionStage(() -> validation.validate(request.token(), request.clientId(), required)
                        .toCompletionStage())
                .map(LicenseResponses.Validation::of);
    }

    @GET
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public List<LicenseView> mine() {
        return licenses.licensesOf(caller().userId());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public Response one(@PathParam("id") UUID id) {
        LicenseView license = licenses.findLicense(id)
                .filter(found -> caller().canSee(found.userId()))
                .orElseThrow(() -> ProblemException.notFound("License " + id));
        return Response.ok(LicenseResponses.Detail.of(license, entitlements.termsOf(id).orElse(null)))
                .header(HttpHeaders.ETAG, ETags.of(license.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response changeStatus(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @Valid @NotNull LicenseRequests.ChangeStatus request) {
        return withETag(changes.change(id, LicenseStatus.of(request.status()), ETags.versionIn(ifMatch), caller()));
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response deactivate(@PathParam("id") UUID id) {
        return withETag(changes.deactivate(id, caller()));
    }

    /** Admins: one more validity period, only if the license is still at the version of If-Match. */
    @POST
    @Path("/{id}/extend")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response extend(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withETag(extension.extend(id, ETags.versionIn(ifMatch), caller()));
    }

    private Caller caller() {
        return Caller.of(token);
    }

    private static Response withETag(LicenseView license) {
        return Response.ok(license).header(HttpHeaders.ETAG, ETags.of(license.version())).build();
    }
}
