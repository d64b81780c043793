package io.hybridlicense.console.api;

import io.hybridlicense.shared.Problem;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The language a console page speaks ({@code inject:consoleLocale}): the {@value #COOKIE} cookie set by the
 * layout's language switch, else the browser's {@code Accept-Language}, else English. Only the console is
 * translated: the API's problem bodies stay English.
 */
@Named("consoleLocale")
@RequestScoped
public class ConsoleLocale {

    /** The language switch's choice, sent to the console's paths only. */
    public static final String COOKIE = "hl_lang";
    public static final Locale DEFAULT = Locale.ENGLISH;
    /** The console's languages, the default first ({@code quarkus.locales}). */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private final HttpServerRequest request;
    private Locale chosen;

    ConsoleLocale(HttpServerRequest request) {
        this.request = request;
    }

    /** The request's language, one of {@link #SUPPORTED}. */
    public Locale locale() {
        if (chosen == null) {
            Cookie cookie = request.getCookie(COOKIE);
            chosen = choose(cookie == null ? null : cookie.getValue(), request.getHeader("Accept-Language"));
        }
        return chosen;
    }

    /** The language tag for {@code <html lang>}. */
    public String getTag() {
        return locale().toLanguageTag();
    }

    /** Where the language switch leads back to: this page when it was a GET, else the console's start. */
    public String getBack() {
        String here = request.method() == HttpMethod.GET ? request.uri() : ConsolePaths.ROOT;
        return URLEncoder.encode(here == null ? ConsolePaths.ROOT : here, StandardCharsets.UTF_8);
    }

    /** The message bundle {@code bundle} in the request's language, for texts made in Java (notices). */
    public <T> T messages(Class<T> bundle) {
        Locale locale = locale();
        return locale.equals(DEFAULT) ? MessageBundles.get(bundle)
                : MessageBundles.get(bundle, Localized.Literal.of(locale.toLanguageTag()));
    }

    /**
     * A refusal of the API as this page says it: in English the API's detail, in Japanese the sentence for its
     * problem type ({@link ConsoleProblems}).
     */
    public String problem(Problem problem) {
        return locale().equals(DEFAULT) ? problem.detail() : ConsoleProblems.text(problem, messages(ProblemMessages.class));
    }

    /** The cookie's language if it is one of ours, else the first of {@code Accept-Language} we speak, else English. */
    public static Locale choose(String cookie, String acceptLanguage) {
        Locale fromCookie = supported(cookie);
        if (fromCookie != null) {
            return fromCookie;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
                if (match != null) {
                    return match;
                }
            } catch (IllegalArgumentException malformed) {
                return DEFAULT;
            }
        }
        return DEFAULT;
    }

    /** One of {@link #SUPPORTED} named by {@code tag} (its language only), or null. */
    public static Locale supported(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst().orElse(null);
    }
}
