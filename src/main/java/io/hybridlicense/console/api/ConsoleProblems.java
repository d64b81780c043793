package io.hybridlicense.console.api;

import io.hybridlicense.shared.Problem;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A problem of the API as a console page says it: in English, the API's own detail (the same words as its
 * problem+json); in another language, the {@link ProblemMessages} sentence for its {@code type}, followed by the
 * API's detail where that names specifics (a column, a version, a count) which a fixed sentence cannot. A type
 * with no translation yet shows the API's detail.
 */
final class ConsoleProblems {

    private static final Map<String, Function<ProblemMessages, String>> TEXTS = Map.ofEntries(
            Map.entry("invalid-credentials", ProblemMessages::invalidCredentials),
            Map.entry("too-many-attempts", ProblemMessages::tooManyAttempts),
            Map.entry("too-many-registrations", ProblemMessages::tooManyRegistrations),
            Map.entry("server-busy", ProblemMessages::serverBusy),
            Map.entry("database-unavailable", ProblemMessages::databaseUnavailable),
            Map.entry("registration-closed", ProblemMessages::registrationClosed),
            Map.entry("invalid-setup-code", ProblemMessages::invalidSetupCode),
            Map.entry("setup-done", ProblemMessages::setupDone),
            Map.entry("email-taken", ProblemMessages::emailTaken),
            Map.entry("same-password", ProblemMessages::samePassword),
            Map.entry("password-not-temporary", ProblemMessages::passwordNotTemporary),
            Map.entry("password-changed", ProblemMessages::passwordChanged),
            Map.entry("password-change-required", ProblemMessages::passwordChangeRequired),
            Map.entry("invalid-request", ProblemMessages::invalidRequest),
            Map.entry("not-found", ProblemMessages::notFound),
            Map.entry("forbidden", ProblemMessages::forbidden),
            Map.entry("unauthorized", ProblemMessages::unauthorized),
            Map.entry("last-admin", ProblemMessages::lastAdmin),
            Map.entry("precondition-failed", ProblemMessages::preconditionFailed),
            Map.entry("version-mismatch", ProblemMessages::versionMismatch),
            Map.entry("invalid-transition", ProblemMessages::invalidTransition),
            Map.entry("seat-limit-reached", ProblemMessages::seatLimitReached),
            Map.entry("license-not-live", ProblemMessages::licenseNotLive),
            Map.entry("license-not-active", ProblemMessages::licenseNotActive),
            Map.entry("license-files-off", ProblemMessages::licenseFilesOff),
            Map.entry("client-id-taken", ProblemMessages::clientIdTaken),
            Map.entry("unknown-plan", ProblemMessages::unknownPlan),
            Map.entry("plan-not-selectable", ProblemMessages::planNotSelectable),
            Map.entry("plan-downgrade-refused", ProblemMessages::planDowngradeRefused),
            Map.entry("plan-upgrade-by-admin", ProblemMessages::planUpgradeByAdmin),
            Map.entry("unknown-policy", ProblemMessages::unknownPolicy),
            Map.entry("policy-name-taken", ProblemMessages::policyNameTaken),
            Map.entry("invalid-terms", ProblemMessages::invalidTerms),
            Map.entry("invalid-ttl", ProblemMessages::invalidTtl),
            Map.entry("unknown-entitlement", ProblemMessages::unknownEntitlement),
            Map.entry("seats-below-live-count", ProblemMessages::seatsBelowLiveCount),
            Map.entry("no-scope", ProblemMessages::noScope),
            Map.entry("unknown-scope", ProblemMessages::unknownScope),
            Map.entry("scope-not-allowed", ProblemMessages::scopeNotAllowed),
            Map.entry("too-many-api-keys", ProblemMessages::tooManyApiKeys),
            Map.entry("invalid-expiry", ProblemMessages::invalidExpiry),
            Map.entry("expiry-not-in-future", ProblemMessages::expiryNotInFuture),
            Map.entry("invalid-name", ProblemMessages::invalidName),
            Map.entry("invalid-definition", ProblemMessages::invalidDefinition),
            Map.entry("unsupported-change", ProblemMessages::unsupportedChange),
            Map.entry("data-loss", ProblemMessages::dataLoss),
            Map.entry("drifted", ProblemMessages::drifted),
            Map.entry("conflict", ProblemMessages::conflict),
            Map.entry("column-not-found", ProblemMessages::columnNotFound),
            Map.entry("already-managed", ProblemMessages::alreadyManaged),
            Map.entry("changes-pending", ProblemMessages::changesPending),
            Map.entry("table-name-taken", ProblemMessages::tableNameTaken),
            Map.entry("datasource-name-taken", ProblemMessages::datasourceNameTaken),
            Map.entry("datasource-unreachable", ProblemMessages::datasourceUnreachable),
            Map.entry("invalid-datasource", ProblemMessages::invalidDatasource),
            Map.entry("sqlite-disabled", ProblemMessages::sqliteDisabled),
            Map.entry("sqlite-file-missing", ProblemMessages::sqliteFileMissing),
            Map.entry("sqlite-file-exists", ProblemMessages::sqliteFileExists),
            Map.entry("invalid-sqlite-file", ProblemMessages::invalidSqliteFile),
            Map.entry("host-not-allowed", ProblemMessages::hostNotAllowed),
            Map.entry("host-not-resolved", ProblemMessages::hostNotResolved),
            Map.entry("invalid-webhook", ProblemMessages::invalidWebhook),
            Map.entry("invalid-uri", ProblemMessages::invalidUri),
            Map.entry("delivery-in-progress", ProblemMessages::deliveryInProgress),
            Map.entry("invalid-import", ProblemMessages::invalidImport),
            Map.entry("invalid-text", ProblemMessages::invalidText));

    /** Types whose detail names specifics: shown after the translated sentence. */
    private static final Set<String> SPECIFIC = Set.of(
            "too-many-attempts", "too-many-registrations", "invalid-request", "not-found", "forbidden",
            "precondition-failed", "version-mismatch", "invalid-transition", "seat-limit-reached",
            "license-not-live", "plan-not-selectable", "plan-downgrade-refused", "plan-upgrade-by-admin",
            "invalid-terms", "invalid-ttl", "unknown-entitlement", "seats-below-live-count", "unknown-scope",
            "scope-not-allowed", "too-many-api-keys", "invalid-name", "invalid-definition", "unsupported-change",
            "data-loss", "drifted", "conflict", "column-not-found", "already-managed", "datasource-unreachable",
            "invalid-datasource", "sqlite-file-missing", "sqlite-file-exists", "invalid-sqlite-file",
            "host-not-allowed", "invalid-webhook", "invalid-uri", "invalid-import", "invalid-text");

    private ConsoleProblems() {
    }

    static String text(Problem problem, ProblemMessages messages) {
        String slug = problem.type() == null ? "" : problem.type().substring(problem.type().lastIndexOf(':') + 1);
        Function<ProblemMessages, String> text = TEXTS.get(slug);
        if (text == null) {
            return problem.detail();
        }
        String sentence = text.apply(messages);
        return SPECIFIC.contains(slug) && problem.detail() != null ? sentence + "（" + problem.detail() + "）" : sentence;
    }
}
