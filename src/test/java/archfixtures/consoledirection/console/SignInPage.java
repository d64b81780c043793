package archfixtures.consoledirection.console;

import archfixtures.consoledirection.admin.console.AdminPages;

/** Violates "the console uses no module whose pages it hosts": the shell links an admin page's class. */
public class SignInPage {
    AdminPages start;
}
