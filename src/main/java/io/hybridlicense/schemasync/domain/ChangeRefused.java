package io.hybridlicense.schemasync.domain;

/** A command the table refuses: nothing is recorded and nothing is queued. */
public final class ChangeRefused extends RuntimeException {

    /** Why; the REST layer maps each reason to a status code. */
    public enum Reason {
        /** An identifier breaks the naming rule or is a reserved word of the dialect. */
        INVALID_NAME,
        /** A column definition is malformed (unknown type, bad default). */
        INVALID_DEFINITION,
        /** The change contradicts the table's current state (column exists, table dropped). */
        CONFLICT,
        /** The column named does not exist. */
        NOT_FOUND,
        /** The dialect cannot make this change in place. */
        UNSUPPORTED
    }

    private final Reason reason;
    private final String field;

    public ChangeRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** @param field the request field at fault ({@code default}), or {@code null} */
    public ChangeRefused(Reason reason, String detail, String field) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, if one is; its value is never part of the message. */
    public java.util.Optional<String> field() {
        return java.util.Optional.ofNullable(field);
    }

    /** The same refusal, its field placed under {@code parent} (such as {@code columns[2]}). */
    public ChangeRefused under(String parent) {
        return field == null ? this : new ChangeRefused(reason, getMessage(), parent + "." + field);
    }
}
