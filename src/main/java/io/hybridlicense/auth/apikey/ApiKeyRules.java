package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.shared.PlainText;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new key may be: known scopes only, each one its creator may delegate (a user's key no admin-only
 * scope), and, when a key asks, nothing its own key lacks (scopes, or a longer life); an expiry in the
 * future. Refusals name the scopes at fault by their wire names, never the input as sent.
 */
final class ApiKeyRules {

    private ApiKeyRules() {
    }

    /** What bean validation checks at the REST door, for every door (the console's forms too). */
    static String checkName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 100 || !new PlainText.Validator().isValid(stripped, null)) {
            throw new ProblemException(Problem.of(422, "invalid-name", "Unprocessable Content",
                    "A key's name is 1 to 100 characters, without control or invisible characters"));
        }
        return stripped;
    }

    static Set<ApiScope> scopesOf(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new ProblemException(Problem.of(422, "no-scope", "Unprocessable Content", "A key needs at least one scope"));
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (int i = 0; i < requested.size(); i++) {
            int index = i;
            scopes.add(ApiScope.of(requested.get(i)).orElseThrow(() -> new ProblemException(Problem.of(422, "unknown-scope",
                    "Unprocessable Content", "scopes[" + index + "] is not a scope; the scopes are " + names(EnumSet.allOf(ApiScope.class))))));
        }
        return scopes;
    }

    static void checkGrantable(Set<ApiScope> scopes, boolean backOffice, Optional<CallingKey> via) {
        Set<ApiScope> notGrantable = EnumSet.copyOf(scopes);
        notGrantable.removeAll(ApiScope.grantable(backOffice));
        if (!notGrantable.isEmpty()) {
            throw new ProblemException(Problem.of(403, "scope-not-allowed", "Forbidden",
                    "A " + (backOffice ? "back-office" : "user's") + " key cannot have " + names(notGrantable)));
        }
        if (via.isPresent()) {
            Set<ApiScope> lacking = EnumSet.copyOf(scopes);
            lacking.removeAll(via.get().scopes());
            if (!lacking.isEmpty()) {
                throw new ProblemException(Problem.of(403, "scope-not-allowed", "Forbidden",
                        "This API key cannot give scopes it lacks: " + names(lacking)));
            }
        }
    }

    static void checkExpiry(Instant expiresAt, Instant now, Optional<CallingKey> via) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ProblemException(Problem.of(422, "expiry-not-in-future", "Unprocessable Content",
                    "expiresAt must be in the future"));
        }
        Instant limit = via.map(CallingKey::expiresAt).orElse(null);
        if (limit != null && (expiresAt == null || expiresAt.isAfter(limit))) {
            throw new ProblemException(Problem.of(403, "expiry-not-allowed", "Forbidden",
                    "This API key expires at " + limit + "; a key it creates must expire no later"));
        }
    }

    /** A key may revoke only keys with no scope it lacks. */
    static void checkRevocable(String[] targetScopes, Optional<CallingKey> via) {
        if (via.isEmpty()) {
            return;
        }
        Set<ApiScope> lacking = Arrays.stream(targetScopes).map(ApiScope::of).flatMap(Optional::stream)
                .filter(scope -> !via.get().scopes().contains(scope))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
        if (!lacking.isEmpty()) {
            throw new ProblemException(Problem.of(403, "scope-not-allowed", "Forbidden",
                    "This API key cannot revoke a key with scopes it lacks: " + names(lacking)));
        }
    }

    static String names(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::wireName).collect(Collectors.joining(", "));
    }
}
