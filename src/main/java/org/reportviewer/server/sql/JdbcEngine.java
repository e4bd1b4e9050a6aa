package org.reportviewer.server.sql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Any database with a JDBC driver ({@code serve --database URL}). Each report gets its own
 * connection in a read-only transaction with autocommit off, and a forward-only cursor with a fetch
 * size — without those the PostgreSQL driver silently reads the whole result into memory.
 */
final class JdbcEngine implements SqlEngine {

    /** Rows per round trip of a cursor: a few hundred KB of typical rows. */
    static final int FETCH_SIZE = 2000;
    /** What {@code pg_stat_activity.application_name} shows for our sessions. */
    static final String APPLICATION_NAME = "report-viewer";
    private static final Set<String> READING_STATEMENTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "(");

    private final Driver driver;
    private final String url;
    private final Properties props;
    private final Secrets secrets;

    /**
     * @param password from the environment, or null (the URL may carry one itself)
     */
    JdbcEngine(Driver driver, String url, String password, Secrets secrets) {
        this.driver = driver;
        this.url = url;
        this.secrets = secrets;
        this.props = new Properties();
        if (password != null) {
            props.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("ApplicationName", APPLICATION_NAME);
        }
    }

    @Override
    public Connection connect() throws SQLException {
        Connection c = driver.connect(url, props);
        if (c == null) {
            throw new SQLException("the driver does not accept " + secrets.redactUrl(url), "08001");
        }
        try {
            c.setAutoCommit(false);
            // PostgreSQL: BEGIN READ ONLY; the database itself then refuses any write.
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public PreparedStatement prepare(Connection connection, SqlText query, Binding values) throws SQLException {
        // A first check for every driver; the read-only transaction is the one that holds.
        if (!READING_STATEMENTS.contains(query.firstKeyword())) {
            throw new ReadOnlyViolation("reports may only read (one SELECT statement); this one is "
                    + query.firstKeyword());
        }
        PreparedStatement ps = connection.prepareStatement(query.jdbcSql(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH_SIZE);
        return values.bindTo(ps);
    }

    @Override
    public void cancel(Connection connection, PreparedStatement statement) throws SQLException {
        // PostgreSQL's Statement.cancel() does nothing unless the driver thinks the statement is executing,
        // and sends at most one cancel per query: a cancel that reaches the server just before the query
        // starts is lost. The connection's own cancel asks the server again every time.
        if (connection.isWrapperFor(PGConnection.class)) {
            connection.unwrap(PGConnection.class).cancelQuery();
        } else {
            statement.cancel();
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        // After a cancel or error the transaction is aborted: end it so the session is not left
        // "idle in transaction" for the moment before it closes.
        connection.rollback();
    }

    @Override
    public String describe() {
        return secrets.redactUrl(url);
    }

    @Override
    public void close() {
        // connections belong to reports; nothing shared to close
    }
}
