package io.hybridlicense.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param type     a URN naming the kind of problem, ending in a stable slug ({@code seat-limit-reached})
 * @param title    a short summary that does not change between occurrences
 * @param status   the HTTP status code
 * @param detail   a human-readable explanation of this occurrence; never echoes secrets
 * @param instance the request path the problem occurred on, if known
 * @param errors   the invalid fields of the request, when the problem is a validation failure
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection // with FieldError; answered inside a plain Response and by Vert.x: invisible to Quarkus
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:hybrid-license:problem:";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    /** One invalid field: its path in the request and what is wrong with it (never its value). */
    public record FieldError(String field, String message) {
    }
}
