package io.hybridlicense.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console shell's words ({@code msg:} in templates): the layout, the navigation, sign-in, the first run,
 * a user's own pages. English here; Japanese in {@code messages/msg_ja.properties}. Messages used with
 * {@code .raw} carry markup of ours and no parameter.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    // --- layout and navigation
    @Message("Hybrid License") String brand();
    @Message("Console") String console();
    @Message("Skip to content") String skipToContent();
    @Message("Language") String language();
    @Message("EN") String languageEnglish();
    @Message("日本語") String languageJapanese();
    @Message("Sign out") String signOut();
    @Message("Main") String mainNavigation();
    @Message("Dashboard") String navDashboard();
    @Message("Users") String navUsers();
    @Message("Policies") String navPolicies();
    @Message("Audit log") String navAuditLog();
    @Message("My licenses") String navMyLicenses();
    @Message("Data sources") String navDataSources();
    @Message("API keys") String navApiKeys();
    @Message("Webhooks") String navWebhooks();
    @Message("Not allowed") String notAllowed();
    @Message("This data source or table is not yours, or it does not exist.") String notYours();
    @Message("Go to your data sources") String goToYourDataSources();
    @Message("Not found") String notFound();

    // --- sign-in, first run
    @Message("Sign in") String signIn();
    @Message("Sign up") String signUp();
    @Message("Email") String email();
    @Message("Password") String password();
    @Message("Password (at least 10 characters)") String passwordLabel();
    @Message("No admin exists yet:") String noAdminYet();
    @Message("set up the first one") String setUpTheFirstOne();
    @Message("Forgot your password?") String forgotPassword();
    @Message("No account yet?") String noAccountYet();
    @Message("Enter your email and password.") String enterEmailAndPassword();
    @Message("The first admin is made: sign in with its email and password.") String firstAdminMade();
    @Message("Your account is made: sign in with its email and password.") String accountMade();
    @Message("Your new password is set: sign in with it.") String newPasswordSet();
    @Message("Your password is temporary (an admin set it): choose a new one to sign in.") String passwordIsTemporary();
    @Message("Enter a valid email address (at most 254 characters).") String invalidEmail();
    @Message("Choose a password of at least 10 characters (at most 1,024 bytes).") String invalidPassword();
    @Message("Choose a new password") String chooseNewPassword();
    @Message("Temporary password") String temporaryPassword();
    @Message("New password (at least 10 characters)") String newPasswordLabel();
    @Message("Set my new password") String setMyNewPassword();
    @Message("Back to sign-in") String backToSignIn();
    @Message("This server sends no e-mail, so it cannot mail you a link. Ask an admin: on your page in the console "
            + "(<em>Users</em>, then your account) they can set a <strong>temporary password</strong> and tell it to you. "
            + "Sign in with it, and you will be asked to choose a new one before anything else.")
    String forgotPasswordAskAdmin();
    @Message("Lost the only admin's password? Whoever runs the server can make an admin from the configuration: "
            + "start it with <code>HL_ADMIN_EMAIL</code> and <code>HL_ADMIN_PASSWORD</code> set to an address that has no account yet.")
    String forgotPasswordLostAdmin();
    @Message("Sign-up is closed on this server: ask an admin for an account.") String signUpClosed();
    @Message("Set up") String setUp();
    @Message("Set up Hybrid License") String setUpHybridLicense();
    @Message("No admin exists yet. Make the first one: it can then sign in, manage users, plans and licenses, and give "
            + "other users the admin role.")
    String setUpIntro();
    @Message("Set-up code") String setUpCode();
    @Message("The server printed it in its log at start; it is also in the file <code>setup-code</code> of its data "
            + "directory (<code>HL_DATA_DIR</code>, <code>./data</code> by default).")
    String setUpCodeHelp();
    @Message("Development mode (<code>quarkus:dev</code>): no set-up code is asked for.") String setUpCodeNotAsked();
    @Message("Admin's email") String adminEmail();
    @Message("Make the first admin") String makeFirstAdmin();
    @Message("Make my account") String makeMyAccount();
    @Message("A new account starts on the default plan. Have one?") String signUpDefaultPlan();

    // --- my licenses
    @Message("Plan and subscription") String planAndSubscription();
    @Message("Account") String account();
    @Message("Plan") String plan();
    @Message("Subscription") String subscription();
    @Message("Started") String started();
    @Message("Renews") String renews();
    @Message("Licenses and machines") String licensesAndMachines();
    @Message("Each license is activated on one machine. Deactivate a machine you no longer use to free its seat.")
    String licensesAndMachinesHelp();
    @Message("Your licenses, live ones first") String yourLicensesCaption();
    @Message("Machine (client id)") String machineClientId();
    @Message("Machine") String machine();
    @Message("Status") String status();
    @Message("Activated") String activated();
    @Message("Expires") String expires();
    @Message("Last validated") String lastValidated();
    @Message("Action") String action();
    @Message("License file for machine {clientId}") String licenseFileFor(String clientId);
    @Message("License file") String licenseFile();
    @Message("Deactivate {clientId}? The machine loses its license and the seat is freed.") String deactivateConfirm(String clientId);
    @Message("Deactivate machine {clientId}") String deactivateMachine(String clientId);
    @Message("Deactivate") String deactivate();
    @Message("No licenses yet: activate one from your application.") String noLicensesYet();
    @Message("Deactivated: its seat is free.") String deactivated();
    @Message("Not deactivated: {reason}") String notDeactivated(String reason);

    // --- API keys
    @Message("A key lets your own servers call this API as you (<code>Authorization: Bearer hl_…</code>), limited to the "
            + "scopes you give it. Its secret is shown once, when it is created; only a hash is kept.")
    String apiKeysIntro();
    @Message("Secret of “{name}”") String secretOf(String name);
    @Message("Copy the secret") String copyTheSecret();
    @Message("Back-office keys (all admins)") String backOfficeKeysAllAdmins();
    @Message("My keys") String myKeys();
    @Message("Name") String name();
    @Message("Scopes") String scopes();
    @Message("Expires (UTC date, optional)") String expiresOptional();
    @Message("Create back-office key") String createBackOfficeKey();
    @Message("Create key") String createKey();
    @Message("Back-office keys, newest first") String backOfficeKeysCaption();
    @Message("Your keys, newest first") String yourKeysCaption();
    @Message("Prefix") String prefix();
    @Message("Created") String created();
    @Message("Last used") String lastUsed();
    @Message("never") String never();
    @Message("revoked") String revoked();
    @Message("Revoke key {name}") String revokeKey(String name);
    @Message("Revoke") String revoke();
    @Message("No keys yet.") String noKeysYet();
    @Message("Key created. Copy its secret now: it is shown this once.") String keyCreated();
    @Message("Not created: {reason}") String notCreated(String reason);
    @Message("Not revoked: {reason}") String notRevoked(String reason);
}
