package io.hybridlicense.schemasync.target;

/** Applying a change failed; {@code permanent} when retrying cannot help (the database rejects it). */
public final class ChangeFailure extends Exception {

    private final boolean permanent;
    private final String reason;

    private ChangeFailure(boolean permanent, String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.permanent = permanent;
        this.reason = reason;
    }

    public static ChangeFailure permanent(String reason, String detail) {
        return new ChangeFailure(true, reason, detail, null);
    }

    public static ChangeFailure of(Exception cause) {
        boolean transientFailure = FailureClassifier.isTransient(cause);
        String detail = FailureClassifier.describe(cause);
        return new ChangeFailure(!transientFailure, transientFailure ? "unreachable" : "target-rejected", detail, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    /** A stable slug: {@code target-rejected}, {@code table-exists}, {@code unreachable}, … */
    public String reason() {
        return reason;
    }
}
