package io.hybridlicense.admin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The admins' pages' words ({@code admin:} in templates): dashboard, users, a user's page, policies, audit log.
 * English here; Japanese in {@code messages/admin_ja.properties}.
 */
@MessageBundle(value = "admin", locale = "en")
public interface AdminMessages {

    // --- dashboard
    @Message("Dashboard") String dashboard();
    @Message("users") String cardUsers();
    @Message("new users, last 30 days") String cardNewUsers();
    @Message("licenses") String cardLicenses();
    @Message("activations, last 30 days") String cardActivations();
    @Message("Licenses by status") String licensesByStatus();
    @Message("Bar chart of licenses by status; the numbers are in the table below") String licensesByStatusChart();
    @Message("Status") String status();
    @Message("Licenses") String licenses();
    @Message("Oldest") String oldest();
    @Message("Newest") String newest();
    @Message("Users and seats per plan") String usersAndSeatsPerPlan();
    @Message("Bar chart of seats in use per plan; the numbers are in the table below") String seatsChart();
    @Message("Plan") String plan();
    @Message("Users") String users();
    @Message("New, 30 days") String new30Days();
    @Message("Seats in use") String seatsInUse();
    @Message("Sign-ups and activations per day") String perDay();
    @Message("Line chart of sign-ups and activations on each of the last 30 days (UTC)") String perDayChart();
    @Message("Sign-ups") String signUps();
    @Message("Activations") String activations();

    // --- users
    @Message("Email starts with") String emailStartsWith();
    @Message("Search") String search();
    @Message("Clear") String clear();
    @Message("Users whose email starts with “{query}”") String usersStartingWith(String query);
    @Message("All users, by email") String allUsersByEmail();
    @Message("Email") String email();
    @Message("Admin") String admin();
    @Message("Registered") String registered();
    @Message("yes") String yes();
    @Message("no") String no();
    @Message("No users found.") String noUsersFound();
    @Message("Pages") String pages();
    @Message("First page") String firstPage();
    @Message("Next page") String nextPage();

    // --- a user's page
    @Message("← Users") String backToUsers();
    @Message("Account") String account();
    @Message("User id") String userId();
    @Message("Admin:") String adminColon();
    @Message("Revoke admin role") String revokeAdminRole();
    @Message("Grant admin role") String grantAdminRole();
    @Message("Sign out everywhere") String signOutEverywhere();
    @Message("Set a temporary password") String setTemporaryPassword();
    @Message("Subscription") String subscription();
    @Message("Started") String started();
    @Message("Renews") String renews();
    @Message("Move to plan") String moveToPlan();
    @Message("(a code of <a href=\"/console/admin/policies\">the catalogue</a>)") String planCodeHelp();
    @Message("Change plan") String changePlan();
    @Message("No subscription.") String noSubscription();
    @Message("With the selected licenses") String withSelected();
    @Message("suspend") String optionSuspend();
    @Message("reactivate") String optionReactivate();
    @Message("revoke") String optionRevoke();
    @Message("Apply to selected") String applyToSelected();
    @Message("All or nothing: if one cannot change, none does.") String allOrNothing();
    @Message("Licenses of {email}, newest first") String licensesOf(String email);
    @Message("Select") String select();
    @Message("Machine (client id)") String machineClientId();
    @Message("Machine") String machine();
    @Message("Expires") String expires();
    @Message("Last validated") String lastValidated();
    @Message("Last heartbeat") String lastHeartbeat();
    @Message("Heartbeat") String heartbeat();
    @Message("Machine state") String machineState();
    @Message("Version") String version();
    @Message("Actions") String actions();
    @Message("Select license {clientId}") String selectLicense(String clientId);
    @Message("Suspend license {clientId}") String suspendLicense(String clientId);
    @Message("Suspend") String suspend();
    @Message("Reactivate license {clientId}") String reactivateLicense(String clientId);
    @Message("Reactivate") String reactivate();
    @Message("Revoke license {clientId}") String revokeLicense(String clientId);
    @Message("Revoke") String revoke();
    @Message("Extend license {clientId}") String extendLicense(String clientId);
    @Message("Extend") String extend();
    @Message("No licenses.") String noLicenses();

    // --- notices of a user's page
    @Message("Now {status}.") String nowStatus(String status);
    @Message("Extended to {expiresAt} UTC.") String extendedTo(String expiresAt);
    @Message("Not changed: this license was changed by someone else after this page was loaded. It is now {status}; check it and try again.")
    String changedMeanwhile(String status);
    @Message("Not changed: {reason}") String notChanged(String reason);
    @Message("Select at least one license and an action.") String selectLicenseAndAction();
    @Message("{count} licenses now {status}.") String batchDone(int count, String status);
    @Message("Nothing was changed. {reason}") String nothingChanged(String reason);
    @Message("Now an admin (from their next sign-in or session renewal).") String nowAdmin();
    @Message("No longer an admin (from their next sign-in or session renewal).") String noLongerAdmin();
    @Message("Signed out everywhere: their sessions and tokens no longer work.") String signedOutEverywhere();
    @Message("Temporary password: {password} (shown only now). Tell it to the user: signing in with it asks them to choose a new one. Their sessions have ended.")
    String temporaryPasswordSet(String password);

    // --- audit log
    @Message("Audit log") String auditLog();
    @Message("Filter the audit log") String filterAuditLog();
    @Message("Action") String action();
    @Message("Actor (user id)") String actorUserId();
    @Message("Subject id") String subjectId();
    @Message("From (UTC, inclusive)") String fromInclusive();
    @Message("To (UTC, exclusive)") String toExclusive();
    @Message("Filter") String filter();
    @Message("Export CSV") String exportCsv();
    @Message("Audit entries, newest first") String auditCaption();
    @Message("When (UTC)") String whenUtc();
    @Message("Subject") String subject();
    @Message("Actor") String actor();
    @Message("Details") String details();
    @Message("User {id}") String userLabel(String id);
    @Message("system") String system();
    @Message("No entries match.") String noEntries();
    @Message("Newest") String newestPage();
    @Message("Older") String older();

    // --- forbidden
    @Message("Not allowed") String notAllowed();
    @Message("This page is for admins only.") String adminsOnly();
    @Message("Go to your licenses") String goToYourLicenses();

    // --- policies
    @Message("Policies") String policies();
    @Message("The terms licenses live by. Each plan names one; a change applies to every license under it at its next "
            + "validation. Plans and entitlements are managed through <code>/api/v1/admin/plans</code> and "
            + "<code>/api/v1/admin/entitlements</code>.")
    String policiesIntro();
    @Message("Policies by name") String policiesCaption();
    @Message("Name") String name();
    @Message("Seats") String seats();
    @Message("Duration") String duration();
    @Message("Expiry grace") String expiryGrace();
    @Message("Offline TTL") String offlineTtl();
    @Message("Entitlements") String entitlements();
    @Message("Used by") String usedBy();
    @Message("Live licenses") String liveLicenses();
    @Message("none") String none();
    @Message("no plan") String noPlan();
    @Message("Policy {name}") String policyTitle(String name);
    @Message("All policies") String allPolicies();
    @Message("Used by") String usedByPrefix();
    @Message("{count} live license(s). Version {version}.") String policyFacts(long count, long version);
    @Message("Seats (live licenses per user)") String seatsLabel();
    @Message("License duration") String licenseDuration();
    @Message("(ISO-8601, e.g. P365D)") String durationHelp();
    @Message("(e.g. P7D; PT0S for none)") String graceHelp();
    @Message("Offline-file TTL") String offlineFileTtl();
    @Message("(codes of the catalogue, comma-separated)") String entitlementsHelp();
    @Message("Save") String save();
    @Message("Saved: licenses under it apply it at their next validation.") String policySaved();
    @Message("Not saved: this policy was changed by someone else after this page was loaded; here it is now.") String policyChangedMeanwhile();
    @Message("Not saved: {reason}") String notSaved(String reason);
    @Message("Plan not changed") String planNotChanged();
    @Message("Back to the user") String backToUser();
}
