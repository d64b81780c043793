package archfixtures.consoledirection.admin.console;

/** An admin console page that the console shell must not know. */
public class AdminPages {
}
