package io.hybridlicense.license.policy;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import java.util.OptionalLong;

/** The If-Match rule of the catalogue's rows: 428 without one, 412 for another version. */
final class Versions {

    private Versions() {
    }

    static void check(long current, OptionalLong expected, String what) {
        if (expected.isEmpty()) {
            throw new ProblemException(Problem.of(428, "precondition-required", "Precondition Required",
                    "Send If-Match with the " + what + "'s ETag"));
        }
        if (current != expected.getAsLong()) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed",
                    "The " + what + " changed since it was read; read it again"));
        }
    }
}
