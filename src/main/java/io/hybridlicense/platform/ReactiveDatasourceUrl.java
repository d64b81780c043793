package io.hybridlicense.platform;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reactive PostgreSQL client (license validation) reaches the same database as the JDBC datasource:
 * unless {@code quarkus.datasource.reactive.url} is set, it is derived from {@code quarkus.datasource.jdbc.url},
 * wherever that comes from (the environment, or the embedded default at start). The role and password
 * are the datasource's own ({@code quarkus.datasource.username}/{@code _password}), shared by both
 * clients, so the runtime role serves both. Only a single-host URL is derived, keeping the parameters
 * both drivers understand alike; anything else needs the reactive URL set explicitly.
 */
public class ReactiveDatasourceUrl implements ConfigSourceInterceptor {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?#,]+)(/[^?#]*)?(?:\\?([^#]*))?");
    private static final Set<String> SHARED_PARAMETERS = Set.of("sslmode", "user", "password", "application_name");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!REACTIVE_URL.equals(name) || value != null && value.getValue() != null && !value.getValue().isBlank()) {
            return value;
        }
        ConfigValue jdbc = context.proceed(JDBC_URL);
        String derived = jdbc == null ? null : reactiveUrl(jdbc.getValue());
        return derived == null ? value : jdbc.withName(REACTIVE_URL).withValue(derived);
    }

    /** The reactive client's URL for a JDBC URL, or {@code null} when it cannot be derived. */
    static String reactiveUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        Matcher url = JDBC.matcher(jdbcUrl.trim());
        if (!url.matches()) {
            return null;
        }
        String database = url.group(2) == null ? "" : url.group(2);
        List<String> kept = new ArrayList<>();
        if (url.group(3) != null) {
            for (String parameter : url.group(3).split("&")) {
                String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (SHARED_PARAMETERS.contains(key.toLowerCase(Locale.ROOT))) {
                    kept.add(parameter);
                }
            }
        }
        // the reactive URL property is a list: a comma would split it
        String derived = "postgresql://" + url.group(1) + database + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return derived.contains(",") ? null : derived;
    }
}
