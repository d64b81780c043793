package io.hybridlicense.schemasync.console;

import io.hybridlicense.console.api.ConsolePaths;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers every schemasync console page gives the same way. */
@ApplicationScoped
public class ConsolePages {

    /** The root of schemasync's console pages, among a user's own: the session cookie is sent to {@code /console} paths only. */
    public static final String PATH = ConsolePaths.ME;
    public static final String DATA_SOURCES = PATH + "/datasources";

    private final Template notYours;

    ConsolePages(@Location("console/not-yours.html") Template notYours) {
        this.notYours = notYours;
    }

    /**
     * Another user's data source or table, and one that does not exist, answer the same 403: the page
     * neither shows it nor says whether it exists.
     */
    public Response notYours() {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(notYours.instance()).build();
    }

    /** Thrown by a page for a data source or table the caller may not see. */
    @ServerExceptionMapper
    Response notYours(NotYours e) {
        return notYours();
    }

    /** Thrown by a page for a data source or table the caller may not see; answered by {@link #notYours()}. */
    public static final class NotYours extends RuntimeException {

        public NotYours() {
            super(null, null, false, false);
        }
    }
}
