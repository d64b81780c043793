package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.shared.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The console's "register a data source" form as typed, and its errors by field. It is checked like
 * the API's body (the same {@link DataSourceRequest} constraints, then {@link RegisterDataSource}'s own
 * checks), so the two can never disagree. The password is never echoed back into the form.
 */
public record DataSourceForm(String name, String kind, String host, String port, String database, String username,
                             String file, boolean create, Map<String, String> errors) {

    static final List<String> KINDS = List.of("postgresql", "mariadb", "mysql", "sqlite");
    private static final Set<String> FIELDS = Set.of("name", "kind", "host", "port", "database", "username", "password", "file");
    /** Refusals about the SQLite file, shown next to it. */
    private static final Set<String> FILE_PROBLEMS = Set.of("invalid-sqlite-file", "sqlite-file-missing", "sqlite-file-exists",
            "sqlite-disabled");

    static DataSourceForm empty() {
        return new DataSourceForm("", "postgresql", "", "", "", "", "", false, Map.of());
    }

    public List<String> kinds() {
        return KINDS;
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * The request the API would have received, with blank fields left out as a JSON client would; a field's
     * error is the API's English sentence, as {@code say} puts it in the page's language.
     */
    DataSourceRequest toRequest(String password, Validator validator, UnaryOperator<String> say) {
        Map<String, String> found = new LinkedHashMap<>();
        Integer portNumber = null;
        if (!blank(port)) {
            try {
                portNumber = Integer.valueOf(port.strip());
            } catch (NumberFormatException e) {
                found.put("port", say.apply("port must be a number between 1 and 65535"));
            }
        }
        DataSourceRequest request = new DataSourceRequest(name, kind, orNull(host), portNumber, orNull(database),
                orNull(username), blank(password) ? null : password, orNull(file), create ? Boolean.TRUE : null, null);
        for (ConstraintViolation<DataSourceRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            found.putIfAbsent(field, say.apply(field + " " + violation.getMessage()));
        }
        if (!found.isEmpty()) {
            throw new Invalid(withErrors(found));
        }
        return request;
    }

    /**
     * The form again with what the registration refused ({@code text}, in the page's words), next to the field the
     * API's message names.
     */
    DataSourceForm refusedWith(ProblemException refused, String text) {
        String detail = refused.problem().detail();
        String first = detail.split("[ :]", 2)[0];
        String field = "host-not-allowed".equals(slug(refused)) ? "host"
                : FILE_PROBLEMS.contains(slug(refused)) ? "file"
                : FIELDS.contains(first) ? first : "form";
        return withErrors(Map.of(field, text));
    }

    private DataSourceForm withErrors(Map<String, String> found) {
        return new DataSourceForm(name, kind, host, port, database, username, file, create, Map.copyOf(found));
    }

    private static String slug(ProblemException refused) {
        String type = refused.problem().type();
        return type == null ? "" : type.substring(type.lastIndexOf(':') + 1);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orNull(String value) {
        return blank(value) ? null : value.strip();
    }

    /** The form could not become a request; {@code form} carries the errors. */
    static final class Invalid extends RuntimeException {

        private final transient DataSourceForm form;

        Invalid(DataSourceForm form) {
            super(null, null, false, false);
            this.form = form;
        }

        DataSourceForm form() {
            return form;
        }
    }
}
