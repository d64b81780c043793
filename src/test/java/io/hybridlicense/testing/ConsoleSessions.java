package io.hybridlicense.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in to the console over plain HTTP, as a browser would: the CSRF cookie and token first, then the form. */
public final class ConsoleSessions {

    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private ConsoleSessions() {
    }

    /** A visitor who opened the sign-in page: the CSRF cookie and the token the page carries. */
    public record Visitor(Map<String, String> cookies, String csrfToken) {

        public static Visitor arrive() {
            Response page = given().redirects().follow(false).get("/console/sign-in");
            return new Visitor(new HashMap<>(page.cookies()), tokenIn(page.asString()));
        }

        /** Posts the sign-in form; the response as it comes (303 with the session cookie when right). */
        public Response signIn(String email, String password, String address) {
            return given().redirects().follow(false).cookies(cookies).header("X-Forwarded-For", address)
                    .formParam("csrf-token", csrfToken).formParam("email", email).formParam("password", password)
                    .post("/console/sign-in");
        }

        /** Signs in and returns the cookies of the session (session and CSRF). */
        public Visitor signedIn(String email, String password) {
            Response response = signIn(email, password, Users.freshAddress());
            if (response.statusCode() != 303 || response.cookie("hl_session") == null) {
                throw new AssertionError("Sign-in failed: " + response.statusCode());
            }
            Map<String, String> session = new HashMap<>(cookies);
            session.put("hl_session", response.cookie("hl_session"));
            return new Visitor(session, csrfToken);
        }
    }

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>.*?</form>", Pattern.DOTALL);

    /**
     * The page's post forms (their opening tags) that do not carry the CSRF token as a hidden field: a form
     * posted without JavaScript must carry it (htmx sends it as a header too, but only when it runs).
     */
    public static List<String> postFormsWithoutToken(String html, String csrfToken) {
        List<String> missing = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            String text = form.group();
            String opening = text.substring(0, text.indexOf('>') + 1);
            if (opening.contains("method=\"post\"")
                    && !text.contains("name=\"csrf-token\" value=\"" + csrfToken + "\"")) {
                missing.add(opening);
            }
        }
        return missing;
    }

    public static String tokenIn(String html) {
        Matcher matcher = META_TOKEN.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("No CSRF token in the page");
        }
        return matcher.group(1);
    }
}
