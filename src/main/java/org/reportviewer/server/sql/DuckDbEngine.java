package org.reportviewer.server.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.ChunkedResultAccess;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * DuckDB in this process: an in-memory database (or a database file opened read-only), one
 * {@code duplicate()}d connection per report — DuckDB allows one streaming result per connection.
 *
 * <p>Read-only is enforced before anything runs: DuckDB's own parser ({@code json_serialize_sql})
 * must see exactly one SELECT statement. That matters because DuckDB's JDBC driver runs every
 * statement but the last already while preparing, and runs DDL even when {@code executeQuery} then
 * refuses it.
 */
final class DuckDbEngine implements SqlEngine {

    static final String IN_MEMORY = "jdbc:duckdb:";

    private final DuckDBConnection root;
    private final String url;

    /**
     * @param url {@code jdbc:duckdb:} (in memory) or {@code jdbc:duckdb:/path/file.duckdb} (opened read-only)
     * @param reportsDir relative file names in queries ({@code read_csv('data/x.csv')}) resolve here
     */
    DuckDbEngine(String url, Path reportsDir) throws SQLException {
        this.url = url;
        Properties props = new Properties();
        // Without it the driver materialises the whole result before the first row (duckdb#7327).
        props.setProperty("jdbc_stream_results", "true");
        if (!url.equals(IN_MEMORY) && !url.equals("jdbc:duckdb::memory:")) {
            props.setProperty("duckdb.read_only", "true");
        }
        this.root = (DuckDBConnection) DriverManager.getConnection(url, props);
        try (Statement s = root.createStatement()) {
            s.execute("SET file_search_path = '" + reportsDir.toAbsolutePath().toString().replace("'", "''") + "'");
            // No downloads at run time: a report may not make the server fetch code.
            s.execute("SET autoinstall_known_extensions = false");
            // Reports may not change settings (they are SELECTs anyway; this is the second lock).
            s.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            root.close();
            throw e;
        }
    }

    @Override
    public Connection connect() throws SQLException {
        return root.duplicate();
    }

    @Override
    public PreparedStatement prepare(Connection connection, SqlText query, Binding values) throws SQLException {
        checkSingleSelect(connection, query);
        PreparedStatement ps = connection.prepareStatement(typedColumns(connection, query, values));
        return values.bindTo(ps);
    }

    /**
     * The query wrapped so that every column {@link DuckDbCursor} cannot read natively is cast to
     * VARCHAR: DuckDB's own text form of the value (the cast its CSV export uses), done in the engine's
     * threads. Columns are picked by position ({@code #3}), so any name works, and keep their labels; ORDER
     * BY inside is kept (insertion order is preserved through a projection).
     */
    private static String typedColumns(Connection connection, SqlText query, Binding values) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (query.parameterOrder().isEmpty()) {
            try (PreparedStatement plain = connection.prepareStatement(query.jdbcSql())) {
                appendColumns(sql, plain.getMetaData());
            }
        } else {
            // A query with parameters is planned only once they are bound (before, DuckDB reports one
            // column "unknown", also after binding): run it bound under LIMIT 0, which DuckDB answers
            // without reading a row (measured: an ORDER BY over 200 million rows, 0.05 s), for its types.
            try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM (" + query.jdbcSql() + "\n) LIMIT 0")) {
                values.bind(probe);
                try (ResultSet none = probe.executeQuery()) {
                    appendColumns(sql, none.getMetaData());
                }
            }
        }
        return sql.append(" FROM (").append(query.jdbcSql()).append("\n)").toString();
    }

    private static void appendColumns(StringBuilder sql, ResultSetMetaData meta) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = "#" + i;
            sql.append(i > 1 ? ", " : "")
                    .append(isNative(meta.getColumnTypeName(i)) ? column : "CAST(" + column + " AS VARCHAR)")
                    .append(" AS \"").append(meta.getColumnLabel(i).replace("\"", "\"\"")).append('"');
        }
    }

    private static boolean isNative(String typeName) {
        Matcher decimal = DECIMAL.matcher(typeName);
        if (decimal.matches()) {
            return Integer.parseInt(decimal.group(1)) <= 18; // wider ones are 128-bit: DuckDB writes their text
        }
        try {
            return DuckDbCursor.NATIVE.contains(DuckDBColumnType.valueOf(typeName));
        } catch (IllegalArgumentException e) {
            return false; // INTEGER[], STRUCT(...), ...: DuckDB writes its text
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\d+\\)");

    @Override
    public RowCursor open(PreparedStatement statement) throws SQLException {
        return new DuckDbCursor(statement.unwrap(DuckDBPreparedStatement.class));
    }

    @Override
    public void cancel(Connection connection, PreparedStatement statement) throws SQLException {
        // The statement's cancel covers query() (the work before the first chunk); the connection's
        // interrupt also stops a chunk being fetched, which the statement's cancel does not.
        statement.cancel();
        ChunkedResultAccess.interrupt(connection.unwrap(DuckDBConnection.class));
    }

    private static void checkSingleSelect(Connection connection, SqlText query) throws SQLException {
        String json;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT json_serialize_sql(?)::VARCHAR, json_array_length(json_serialize_sql(?) -> 'statements')")) {
            ps.setString(1, query.jdbcSql());
            ps.setString(2, query.jdbcSql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                json = rs.getString(1);
                long statements = rs.getLong(2);
                if (json.startsWith("{\"error\":true")) {
                    if (json.contains("Only SELECT statements")) {
                        throw new ReadOnlyViolation("reports may only read (one SELECT statement); this one is "
                                + query.firstKeyword());
                    }
                    return; // a syntax error: preparing it gives DuckDB's own message
                }
                if (statements != 1) {
                    throw new ReadOnlyViolation("a report is one SELECT statement, found " + statements);
                }
            }
        }
    }

    @Override
    public String describe() {
        return url.equals(IN_MEMORY) ? "DuckDB (in-process)" : "DuckDB " + url.substring("jdbc:duckdb:".length())
                + " (read-only)";
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to do with the error
        }
    }
}
