package io.hybridlicense.schemasync.target;

import io.hybridlicense.shared.ProblemException;

/** Applying a change failed; {@code permanent} when retrying cannot help (the database rejects it). */
public final class ChangeFailure extends Exception {

    /** The slug of a change that finds the target holding something else than the model expects. */
    public static final String TARGET_CONFLICT = "target-conflict";
    /** The slug of a transient failure: another attempt at the same table still holds it on the database. */
    public static final String TARGET_BUSY = "target-busy";

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

    public static ChangeFailure permanent(String reason, String detail, Throwable cause) {
        return new ChangeFailure(true, reason, detail, cause);
    }

    /** The target holds another definition than the one the change needs or would create. */
    public static ChangeFailure conflict(String detail) {
        return new ChangeFailure(true, TARGET_CONFLICT, detail, null);
    }

    public static ChangeFailure transientFailure(String reason, String detail) {
        return new ChangeFailure(false, reason, detail, null);
    }

    public static ChangeFailure transientFailure(String reason, String detail, Throwable cause) {
        return new ChangeFailure(false, reason, detail, cause);
    }

    public static ChangeFailure of(Exception cause) {
        if (cause instanceof ProblemException refusal) {
            // a refusal of the target itself (its own database, a host no longer allowed): retrying cannot help
            String type = refusal.problem().type();
            return new ChangeFailure(true, type.substring(type.lastIndexOf(':') + 1), refusal.problem().detail(), cause);
        }
        boolean transientFailure = FailureClassifier.isTransient(cause);
        String detail = FailureClassifier.describe(cause);
        return new ChangeFailure(!transientFailure, transientFailure ? "unreachable" : FailureClassifier.permanentReason(cause),
                detail, cause);
    }

    public boolean permanent() {
        return permanent;
    }

    /** A stable slug: {@code target-rejected}, {@code target-conflict}, {@code unreachable}, … */
    public String reason() {
        return reason;
    }
}
