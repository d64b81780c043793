package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.shared.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps the aggregate's refusals to problem details; nothing was recorded or queued. */
class SchemaSyncProblems {

    @ServerExceptionMapper
    Response refused(ChangeRefused refused, UriInfo uri) {
        Problem problem = switch (refused.reason()) {
            case INVALID_NAME -> Problem.of(400, "invalid-name", "Bad Request", refused.getMessage());
            case INVALID_DEFINITION -> Problem.of(400, "invalid-definition", "Bad Request", refused.getMessage());
            case CONFLICT -> Problem.of(409, "conflict", "Conflict", refused.getMessage());
            case NOT_FOUND -> Problem.of(404, "column-not-found", "Not Found", refused.getMessage());
            case UNSUPPORTED -> Problem.of(422, "unsupported-change", "Unprocessable Content", refused.getMessage());
            case DRIFTED -> Problem.of(409, "drifted", "Conflict", refused.getMessage());
            case DATA_LOSS -> Problem.of(422, "data-loss", "Unprocessable Content", refused.getMessage())
                    .withErrors(refused.columns().stream()
                            .map(column -> new Problem.FieldError("columns." + column, "its data would be lost")).toList());
        };
        problem = refused.field().map(field -> List.of(new Problem.FieldError(field, refused.getMessage())))
                .map(problem::withErrors).orElse(problem);
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getRequestUri().getRawPath())).build();
    }
}
