package io.hybridlicense.console;

import io.hybridlicense.console.api.ConsoleLocale;
import io.hybridlicense.console.api.ConsolePaths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;

/**
 * The layout's language switch (EN / 日本語): remembers the choice in the {@value ConsoleLocale#COOKIE}
 * cookie, which wins over {@code Accept-Language}, and leads back to the page it was made on. A plain link
 * (a GET): choosing a language changes nothing but how pages read, so it needs no CSRF token.
 */
@Path("/") // the same root as SignInResource: a class under /console would hide its /console/* paths
@PermitAll
class LanguageResource {

    private static final long ONE_YEAR = 365L * 24 * 3600;

    @GET
    @Path("console/language/{tag}")
    public Response choose(@PathParam("tag") String tag, @QueryParam("back") String back,
                           @Context HttpServerRequest request) {
        Locale locale = ConsoleLocale.supported(tag);
        if (locale == null) {
            return Response.status(404).build();
        }
        String cookie = ConsoleLocale.COOKIE + "=" + locale.getLanguage() + "; Path=" + ConsolePaths.ROOT
                + "; Max-Age=" + ONE_YEAR + "; HttpOnly; SameSite=Lax" + (ConsoleSession.secure(request) ? "; Secure" : "");
        return Response.seeOther(URI.create(sameConsole(back))).header(HttpHeaders.SET_COOKIE, cookie).build();
    }

    /** Only a path of the console itself: never another site, nor a path the browser would read as one. */
    static String sameConsole(String back) {
        if (back == null || !(back.equals(ConsolePaths.ROOT) || back.startsWith(ConsolePaths.ROOT + "/")
                || back.startsWith(ConsolePaths.ROOT + "?")) || back.contains("\\") || back.contains("//") || back.contains("/..")
                || back.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return ConsolePaths.ROOT;
        }
        try {
            URI.create(back);
            return back;
        } catch (IllegalArgumentException malformed) {
            return ConsolePaths.ROOT;
        }
    }
}
