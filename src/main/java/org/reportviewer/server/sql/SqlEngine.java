package org.reportviewer.server.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where SQL reports run: DuckDB in this process ({@link DuckDbEngine}) or any database reached
 * through a JDBC driver ({@link JdbcEngine}). Each report gets its own connection, so one report's
 * cursor or cancel never disturbs another's.
 */
interface SqlEngine extends AutoCloseable {

    /** A new connection for one report; the report closes it. */
    Connection connect() throws SQLException;

    /**
     * Refuses a query that could write or change the schema, before anything runs, and prepares it
     * as a forward-only, streaming cursor with the report's values bound.
     *
     * @param values binds the report's parameter values to a statement of this query (the engine may
     *     also bind them to a statement of its own around the query, to learn the result's types)
     * @throws SQLException from the database (a syntax error, say)
     * @throws ReadOnlyViolation when the query is not a read-only query
     */
    PreparedStatement prepare(Connection connection, SqlText query, Binding values) throws SQLException;

    /** Binds a report's parameter values, in order, to a statement whose {@code ?}s are the query's. */
    @FunctionalInterface
    interface Binding {
        void bind(PreparedStatement statement) throws SQLException;

        /** Binds the values to {@code statement} and returns it; closes it if binding fails. */
        default PreparedStatement bindTo(PreparedStatement statement) throws SQLException {
            try {
                bind(statement);
            } catch (SQLException e) {
                statement.close();
                throw e;
            }
            return statement;
        }
    }

    /** Runs a prepared, bound statement: a cursor over its rows as text. */
    default RowCursor open(PreparedStatement statement) throws SQLException {
        return new JdbcCursor(statement.executeQuery());
    }

    /**
     * Interrupts whatever the connection's database session is running, from another thread. Called
     * repeatedly until the report has let go, so it must be harmless when nothing runs.
     */
    default void cancel(Connection connection, PreparedStatement statement) throws SQLException {
        statement.cancel();
    }

    /** Called after a cancel or failure, before the connection is closed (e.g. roll back). */
    default void release(Connection connection) throws SQLException {}

    /** Where reports run, for logs: never contains a password. */
    String describe();

    @Override
    void close();

    /** The query is not read-only: the message says what was found. */
    final class ReadOnlyViolation extends SQLException {
        ReadOnlyViolation(String message) {
            super(message);
        }
    }
}
