package archfixtures.external.license;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Violates "only schemasync opens connections to users' external databases". */
public class DirectQuery {
    Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
