package archfixtures.reporting;

/** Breaks the reporting rule on purpose: admin code that reads (and writes) auth's table, not its view. */
final class ReadsATableOfAnotherModule {

    static final String READ = "SELECT u.email FROM auth.users u JOIN license.license_report l ON l.user_id = u.id";
    static final String WRITE = "UPDATE auth.users SET admin = true WHERE id = ?";

    private ReadsATableOfAnotherModule() {
    }
}
