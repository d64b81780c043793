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
        UNSUPPORTED,
        /** The user's database has drifted from the model: reconcile first. */
        DRIFTED,
        /** The change would lose the data of some columns and was not allowed to. */
        DATA_LOSS
    }

    private final Reason reason;
    private final String field;
    private final java.util.List<String> columns;

    public ChangeRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** @param field the request field at fault ({@code default}), or {@code null} */
    public ChangeRefused(Reason reason, String detail, String field) {
        this(reason, detail, field, java.util.List.of());
    }

    private ChangeRefused(Reason reason, String detail, String field, java.util.List<String> columns) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
        this.columns = java.util.List.copyOf(columns);
    }

    /** {@code DATA_LOSS}: naming the columns whose data would be lost. */
    public static ChangeRefused dataLoss(java.util.List<String> columns) {
        return new ChangeRefused(Reason.DATA_LOSS, "The change would lose the data of column(s) " + String.join(", ", columns)
                + "; send allowDataLoss: true to make it anyway", null, columns);
    }

    /** The columns concerned ({@code DATA_LOSS}); empty otherwise. */
    public java.util.List<String> columns() {
        return columns;
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
