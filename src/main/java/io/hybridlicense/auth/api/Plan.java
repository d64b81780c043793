package io.hybridlicense.auth.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plan a user can be on, by its code ({@code free}, {@code pro}, {@code enterprise} and any plan an admin
 * adds). The catalogue of plans and what each allows (its policy) is kept by license; auth only records
 * a user's plan code, which license has checked against its catalogue ({@link PlanCatalogue}).
 */
public final class Plan {

    /** The plans that existed before plans were data (the catalogue starts with them). */
    public static final Plan FREE = new Plan("free");
    public static final Plan PRO = new Plan("pro");
    public static final Plan ENTERPRISE = new Plan("enterprise");

    /** The regular expression of plan codes, for request validation: 1–32 characters {@code [a-z0-9-]}. */
    public static final String WIRE_NAMES = "[a-z0-9-]{1,32}";
    private static final Pattern CODE = Pattern.compile(WIRE_NAMES);

    private final String code;

    private Plan(String code) {
        this.code = code;
    }

    /** The name used in JSON and in the database. */
    @JsonValue
    public String wireName() {
        return code;
    }

    /** The plan of a well-formed code (whether the catalogue has it is license's to say). */
    public static Optional<Plan> fromWireName(String name) {
        return name != null && CODE.matcher(name).matches() ? Optional.of(new Plan(name)) : Optional.empty();
    }

    /** Like {@link #fromWireName} for values already validated against {@link #WIRE_NAMES}. */
    @JsonCreator
    public static Plan of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("Not a plan code"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Plan plan && plan.code.equals(code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
