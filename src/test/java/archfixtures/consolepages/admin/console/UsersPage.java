package archfixtures.consolepages.admin.console;

import java.sql.Connection;

/** Violates "console pages touch no database": the page runs its own SQL instead of the module's query. */
public class UsersPage {
    Connection connection;
}
