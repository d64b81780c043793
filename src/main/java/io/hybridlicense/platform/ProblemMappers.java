package io.hybridlicense.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.SignInPages;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of a REST call into an RFC 9457 problem detail; no stack trace leaves the server. */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Instance<SignInPages> signInPages;

    ProblemMappers(Instance<SignInPages> signInPages) {
        this.signInPages = signInPages;
    }

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = build(e.problem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    Response invalidFields(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        Problem problem = Problem.of(400, "invalid-request", "Bad Request", "Invalid fields: " + fields).withErrors(errors);
        return build(problem, uri).build();
    }

    /** Named exactly: quarkus-rest-jackson maps these subtypes itself, with plain JSON bodies. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class, InvalidFormatException.class, ValueInstantiationException.class})
    Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return build(Problem.of(400, "malformed-json", "Bad Request", describe(e)), uri).build();
    }

    /** The console's pages send a signed-out visitor to sign in ({@link SignInPages}); the API answers 401. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e, UriInfo uri, HttpServerRequest http) {
        for (SignInPages pages : signInPages) {
            Response signIn = pages.signedOut(http);
            if (signIn != null) {
                return signIn;
            }
        }
        Problem problem = Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required");
        return build(problem, uri).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(Problem.of(403, "forbidden", "Forbidden", "This action needs another role"), uri).build();
    }

    @ServerExceptionMapper
    Response httpError(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // the path of a resource that does not exist is only the caller's input: not repeated
        Response.ResponseBuilder response = build(forStatus(status), status == 404 ? null : uri);
        if (original.getHeaderString("Allow") != null) {
            response.header("Allow", original.getHeaderString("Allow"));
        }
        return response.build();
    }

    /** Any other failure: 503 with Retry-After when the database is out of reach ({@link DatabaseUnavailable}), else 500. */
    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        Problem unavailable = DatabaseUnavailable.problemFor(e, uri.getRequestUri().getRawPath());
        if (unavailable != null) {
            LOG.warnf("%s: answered 503 on %s", unavailable.detail(), uri.getPath());
            return build(unavailable, uri).header("Retry-After", DatabaseUnavailable.RETRY_AFTER).build();
        }
        return build(unexpected(e, uri.getRequestUri().getRawPath()), uri).build();
    }

    /** Logs the failure with a reference that the answer names, and answers nothing else about it. */
    static Problem unexpected(Throwable e, String path) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", reference, path);
        return Problem.of(500, "internal-error", "Internal Server Error",
                "An unexpected error occurred; reference " + reference);
    }

    /** The problem for a status the framework decided (404, 405, 413…), with a fixed detail. */
    static Problem forStatus(int status) {
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "HTTP " + status : reason.getReasonPhrase();
        return Problem.of(status, slug(title), title, detailFor(status));
    }

    /** The instance is the path as sent, still percent-encoded: the answer never holds decoded input. */
    private static Response.ResponseBuilder build(Problem problem, UriInfo uri) {
        Problem located = problem.instance() == null && uri != null ? problem.at(uri.getRequestUri().getRawPath()) : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(located);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.getKind() != ElementKind.METHOD && node.getName() != null) {
                names.add(node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]");
            } else if (node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    /**
     * Jackson's own messages quote the input, which may hold a password: name the field instead, and only
     * by names the endpoint declares (an unknown field's name or a map key is the caller's input).
     */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "The body has a field this endpoint does not know; it knows "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFrom() instanceof java.util.Map<?, ?> ? "*"
                            : ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has the wrong type or shape";
        }
        if (e.getLocation() != null) {
            return "The body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return "The body is not valid JSON";
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "No acceptable representation for the Accept header";
            case 413 -> "The request body is larger than this server accepts";
            case 414 -> "The request URI is longer than this server accepts";
            case 415 -> "This media type is not supported here; send application/json";
            case 431 -> "The request headers are larger than this server accepts";
            default -> "The request could not be processed";
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
