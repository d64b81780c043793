package io.hybridlicense.console.api;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What the API's problems say, in the console's languages ({@link ConsoleProblems}); Japanese in
 * {@code messages/problem_ja.properties}. The API itself stays English: its problem {@code type} is the contract.
 */
@MessageBundle(value = "problem", locale = "en")
public interface ProblemMessages {

    /** {@code invalid-credentials} */
    @Message("The email or the password is wrong.") String invalidCredentials();
    /** {@code too-many-attempts} */
    @Message("Too many failed attempts.") String tooManyAttempts();
    /** {@code too-many-registrations} */
    @Message("Too many registrations from this address.") String tooManyRegistrations();
    /** {@code server-busy} */
    @Message("The server is busy; retry shortly.") String serverBusy();
    /** {@code database-unavailable} */
    @Message("The database is unavailable; retry shortly.") String databaseUnavailable();
    /** {@code registration-closed} */
    @Message("Self-registration is closed on this server.") String registrationClosed();
    /** {@code invalid-setup-code} */
    @Message("The set-up code is wrong.") String invalidSetupCode();
    /** {@code setup-done} */
    @Message("An admin exists already: the set-up is closed.") String setupDone();
    /** {@code email-taken} */
    @Message("An account with this email already exists.") String emailTaken();
    /** {@code same-password} */
    @Message("The new password must differ from the temporary one.") String samePassword();
    /** {@code password-not-temporary} */
    @Message("The password is not temporary.") String passwordNotTemporary();
    /** {@code password-changed} */
    @Message("The password was changed meanwhile.") String passwordChanged();
    /** {@code password-change-required} */
    @Message("The password must be changed first.") String passwordChangeRequired();
    /** {@code invalid-request} */
    @Message("Some fields are invalid.") String invalidRequest();
    /** {@code not-found} */
    @Message("It does not exist.") String notFound();
    /** {@code forbidden} */
    @Message("Not allowed.") String forbidden();
    /** {@code unauthorized} */
    @Message("Sign in first.") String unauthorized();
    /** {@code last-admin} */
    @Message("The last admin cannot lose the admin role.") String lastAdmin();
    /** {@code precondition-failed} */
    @Message("Changed by someone else since it was read.") String preconditionFailed();
    /** {@code version-mismatch} */
    @Message("The table changed since this page was loaded.") String versionMismatch();
    /** {@code invalid-transition} */
    @Message("This status change is not possible.") String invalidTransition();
    /** {@code seat-limit-reached} */
    @Message("The plan's seats are all in use.") String seatLimitReached();
    /** {@code license-not-live} */
    @Message("The license is not live.") String licenseNotLive();
    /** {@code license-not-active} */
    @Message("The license is not active: no license file is issued.") String licenseNotActive();
    /** {@code license-files-off} */
    @Message("License files are not available on this server.") String licenseFilesOff();
    /** {@code client-id-taken} */
    @Message("This client id is activated by another account.") String clientIdTaken();
    /** {@code unknown-plan} */
    @Message("The catalogue has no such plan.") String unknownPlan();
    /** {@code plan-not-selectable} */
    @Message("This plan cannot be chosen.") String planNotSelectable();
    /** {@code plan-downgrade-refused} */
    @Message("The plan cannot be lowered.") String planDowngradeRefused();
    /** {@code plan-upgrade-by-admin} */
    @Message("An admin changes this plan.") String planUpgradeByAdmin();
    /** {@code unknown-policy} */
    @Message("The policy does not exist.") String unknownPolicy();
    /** {@code policy-name-taken} */
    @Message("Another policy has this name.") String policyNameTaken();
    /** {@code invalid-terms} */
    @Message("Some terms are invalid.") String invalidTerms();
    /** {@code invalid-ttl} */
    @Message("The offline TTL is invalid.") String invalidTtl();
    /** {@code unknown-entitlement} */
    @Message("The catalogue has no such entitlement.") String unknownEntitlement();
    /** {@code seats-below-live-count} */
    @Message("Fewer seats than a user holds.") String seatsBelowLiveCount();
    /** {@code no-scope} */
    @Message("A key needs at least one scope.") String noScope();
    /** {@code unknown-scope} */
    @Message("Unknown scope.") String unknownScope();
    /** {@code scope-not-allowed} */
    @Message("This scope is not allowed.") String scopeNotAllowed();
    /** {@code too-many-api-keys} */
    @Message("Too many active keys; revoke one first.") String tooManyApiKeys();
    /** {@code invalid-expiry} */
    @Message("The expiry must be a date (YYYY-MM-DD).") String invalidExpiry();
    /** {@code expiry-not-in-future} */
    @Message("The expiry must be in the future.") String expiryNotInFuture();
    /** {@code invalid-name} */
    @Message("The name is not allowed.") String invalidName();
    /** {@code invalid-definition} */
    @Message("The column definition is invalid.") String invalidDefinition();
    /** {@code unsupported-change} */
    @Message("The database cannot make this change.") String unsupportedChange();
    /** {@code data-loss} */
    @Message("The change would lose data.") String dataLoss();
    /** {@code drifted} */
    @Message("The database differs from the model.") String drifted();
    /** {@code conflict} */
    @Message("The change conflicts with the table's state.") String conflict();
    /** {@code column-not-found} */
    @Message("The column does not exist.") String columnNotFound();
    /** {@code already-managed} */
    @Message("The table is already managed.") String alreadyManaged();
    /** {@code changes-pending} */
    @Message("Changes to this data source's tables are still pending.") String changesPending();
    /** {@code table-name-taken} */
    @Message("Another table of this data source uses that name.") String tableNameTaken();
    /** {@code datasource-name-taken} */
    @Message("You already have a data source with that name.") String datasourceNameTaken();
    /** {@code datasource-unreachable} */
    @Message("The database cannot be reached.") String datasourceUnreachable();
    /** {@code invalid-datasource} */
    @Message("The data source is invalid.") String invalidDatasource();
    /** {@code sqlite-disabled} */
    @Message("SQLite data sources are switched off on this server.") String sqliteDisabled();
    /** {@code sqlite-file-missing} */
    @Message("There is no such SQLite file.") String sqliteFileMissing();
    /** {@code sqlite-file-exists} */
    @Message("A file of that name already exists.") String sqliteFileExists();
    /** {@code invalid-sqlite-file} */
    @Message("The SQLite file name is invalid.") String invalidSqliteFile();
    /** {@code host-not-allowed} */
    @Message("This server may not connect to that host.") String hostNotAllowed();
    /** {@code host-not-resolved} */
    @Message("The endpoint's host does not resolve.") String hostNotResolved();
    /** {@code invalid-webhook} */
    @Message("The webhook endpoint is invalid.") String invalidWebhook();
    /** {@code invalid-uri} */
    @Message("The URL is invalid.") String invalidUri();
    /** {@code delivery-in-progress} */
    @Message("An attempt of this delivery is running.") String deliveryInProgress();
    /** {@code invalid-import} */
    @Message("The tables to import are invalid.") String invalidImport();
    /** {@code invalid-text} */
    @Message("The text contains characters that are not allowed.") String invalidText();
}
