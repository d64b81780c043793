package io.hybridlicense.platform;

import io.hybridlicense.shared.Problem;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * No free database connection within the pool's acquisition timeout is overload, not a bug: 503 with
 * {@code Retry-After}, so that clients back off. Any other database failure stays a 500.
 */
class PoolExhaustedMappers {

    private static final Logger LOG = Logger.getLogger(PoolExhaustedMappers.class);
    /** Agroal's message when no connection became free in time. */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    @ServerExceptionMapper
    Response persistence(PersistenceException e, UriInfo uri) {
        return busyOrUnexpected(e, uri);
    }

    @ServerExceptionMapper
    Response sql(SQLException e, UriInfo uri) {
        return busyOrUnexpected(e, uri);
    }

    private static Response busyOrUnexpected(Exception e, UriInfo uri) {
        if (!isAcquisitionTimeout(e)) {
            return new ProblemMappers().unexpected(e, uri);
        }
        LOG.warnf("No database connection free in time for %s: answered 503", uri.getPath());
        Problem problem = Problem.of(503, "server-busy", "Service Unavailable", "The server is busy; retry shortly")
                .at(uri.getPath());
        return Response.status(503).type(Problem.MEDIA_TYPE).entity(problem).header("Retry-After", "1").build();
    }

    static boolean isAcquisitionTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null
                    && cause.getMessage().contains(ACQUISITION_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
