package io.hybridlicense.license;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.hybridlicense.shared.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bodies of the event-loop routes (validation, heartbeats), read by hand with Jackson's streaming
 * parser, with the answers Bean Validation, strict data binding and the JSON text guard give on the REST
 * path: data binding, constraint metadata and reflection cost more than the rest of a validation
 * (docs/PERFORMANCE.md). A refusal never repeats the input.
 */
public final class RouteJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** A body refused with the problem to answer. */
    public static final class Refused extends Exception {
        private final transient Problem problem;

        public Refused(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** @param strings the string fields present (a JSON {@code null} is absent) */
    public record Fields(Map<String, String> strings, List<String> array) {
        public String get(String name) {
            return strings.get(name);
        }
    }

    private RouteJson() {
    }

    /**
     * An object of string fields and at most one array of strings ({@code arrayField}, {@code null} for none,
     * at most {@code maxArray} items); any other field, type or shape is refused.
     */
    public static Fields read(byte[] body, Set<String> stringFields, String arrayField, int maxArray) throws Refused {
        Map<String, String> strings = new HashMap<>(4);
        List<String> array = List.of();
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw invalid(List.of(new Problem.FieldError("body", "must not be null")));
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed(parser.currentLocation());
            }
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(arrayField)) {
                    array = readArray(parser, value, arrayField, maxArray);
                } else if (!stringFields.contains(field)) {
                    throw new Refused(Problem.of(400, "malformed-json", "Bad Request",
                            "The body has a field this endpoint does not know; it knows " + known(stringFields, arrayField)));
                } else if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    throw wrongShape(field);
                } else if (value == JsonToken.VALUE_STRING) {
                    strings.put(field, parser.getText());
                } else {
                    strings.remove(field);
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation());
        } catch (IOException e) {
            throw malformed(null);
        }
        for (String value : strings.values()) {
            if (hasNulOrLoneSurrogate(value)) {
                throw new Refused(Problem.of(400, "invalid-text", "Bad Request",
                        "The body holds a NUL character or an unpaired surrogate"));
            }
        }
        return new Fields(strings, array);
    }

    /** A license token's check ({@code @NotBlank @Size(max = MAX_TOKEN)}), added to {@code errors} when it fails. */
    public static void checkToken(String field, String token, List<Problem.FieldError> errors) {
        if (token == null || token.isBlank()) {
            errors.add(new Problem.FieldError(field, "must not be blank"));
        } else if (token.length() > LicenseRequests.MAX_TOKEN) {
            errors.add(new Problem.FieldError(field, "size must be between 0 and " + LicenseRequests.MAX_TOKEN));
        }
    }

    /** 400 {@code invalid-request} naming the fields, as the REST path's constraint violations. */
    public static Refused invalid(List<Problem.FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().sorted().toList());
        return new Refused(Problem.of(400, "invalid-request", "Bad Request", "Invalid fields: " + fields)
                .withErrors(errors.stream().sorted(Comparator.comparing(Problem.FieldError::field)).toList()));
    }

    public static Problem.FieldError tooMany(String field, int max) {
        return new Problem.FieldError(field, "size must be between 0 and " + max);
    }

    private static List<String> readArray(JsonParser parser, JsonToken value, String field, int max) throws IOException, Refused {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw wrongShape(field);
        }
        List<String> items = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.VALUE_STRING) {
                throw wrongShape(field);
            }
            if (items.size() >= max) {
                throw invalid(List.of(tooMany(field, max)));
            }
            items.add(parser.getText());
        }
        return items;
    }

    private static String known(Set<String> stringFields, String arrayField) {
        Set<String> all = new TreeSet<>(stringFields);
        if (arrayField != null) {
            all.add(arrayField);
        }
        return String.join(", ", all);
    }

    private static Refused wrongShape(String field) {
        return new Refused(Problem.of(400, "malformed-json", "Bad Request", "Field '" + field + "' has the wrong type or shape"));
    }

    private static boolean hasNulOrLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    private static Refused malformed(JsonLocation location) {
        return new Refused(Problem.of(400, "malformed-json", "Bad Request", location == null
                ? "The body is not valid JSON"
                : "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }
}
