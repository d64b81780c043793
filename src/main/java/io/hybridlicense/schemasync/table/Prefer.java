package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.outbox.Settlements;
import io.hybridlicense.shared.ProblemException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The request headers of the change protocol: {@code Prefer: wait=N} (RFC 7240) and {@code If-Match}. */
final class Prefer {

    private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,6})(?:$|[,;\\s])");
    private static final Pattern VERSION = Pattern.compile("^(?:W/)?\"?(\\d{1,9})\"?$");

    private Prefer() {
    }

    /** The wait asked for, at most {@value Settlements#MAX_WAIT_SECONDS} seconds; zero without the preference. */
    static Duration waitOf(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(prefer);
        return m.find() ? Duration.ofSeconds(Math.min(Settlements.MAX_WAIT_SECONDS, Long.parseLong(m.group(1))))
                : Duration.ZERO;
    }

    /** {@code "3"}, {@code 3} or {@code W/"3"}; {@code *} or absent means no precondition. */
    static Integer ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw ProblemException.badRequest("invalid-if-match", "If-Match must be a table version such as \"3\"");
        }
        return Integer.parseInt(m.group(1));
    }
}
