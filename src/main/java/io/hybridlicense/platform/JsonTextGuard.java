package io.hybridlicense.platform;

import io.hybridlicense.shared.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Checks the text of every JSON request body before Jackson reads it ({@link TextRules#jsonProblem}). On the
 * text rather than on each deserialised field, so that every string of every body is covered — values,
 * map keys, untyped values — whatever type it is read into. The body is already bounded by
 * {@code quarkus.http.limits.max-body-size}.
 */
@Provider
class JsonTextGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (isJson(context.getMediaType())) {
            byte[] body = context.getInputStream().readAllBytes();
            String problem = TextRules.jsonProblem(body);
            if (problem != null) {
                throw ProblemException.badRequest("invalid-text", problem);
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }
}
