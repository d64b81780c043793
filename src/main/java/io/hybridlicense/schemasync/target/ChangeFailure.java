package io.hybridlicense.schemasync.target;

import io.hybridlicense.shared.ProblemException;

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
        if (cause instanceof ProblemException refusal) {
            // a refusal of the target itself (its own database, a host no longer allowed): retrying cannot help
            String type = refusal.problem().type();
            return new ChangeFailure(true, type.substring(type.lastIndexOf(':') + 1), refusal.problem().detail(), cause);
        }
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
