package io.hybridlicense.console.api;

/** Where the console's areas live: the session cookie is sent to {@link #ROOT} and below only. */
public final class ConsolePaths {

    public static final String ROOT = "/console";
    public static final String SIGN_IN = ROOT + "/sign-in";
    /** A user's own pages (account, licenses, and schemasync's data sources and tables). */
    public static final String ME = ROOT + "/me";
    /** The admins' pages. */
    public static final String ADMIN = ROOT + "/admin";

    private ConsolePaths() {
    }
}
