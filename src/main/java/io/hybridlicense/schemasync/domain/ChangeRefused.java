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

    public ChangeRefused(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
