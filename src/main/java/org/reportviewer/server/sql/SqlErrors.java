package org.reportviewer.server.sql;

import io.grpc.Status;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns a database error into the gRPC status a client can act on, with the database's own message
 * (first lines only, never a stack trace, passwords masked).
 */
final class SqlErrors {

    private static final int MAX_MESSAGE = 500;

    private final Secrets secrets;

    SqlErrors(Secrets secrets) {
        this.secrets = secrets;
    }

    /** A connection that could not be made: the database is down, unreachable or refused us. */
    Status connectFailed(String reportId, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Status status = state.startsWith("28") ? Status.FAILED_PRECONDITION : Status.UNAVAILABLE;
        return status.withDescription("report '" + reportId + "': cannot connect to the database: " + message(e));
    }

    /** An error while preparing or running the report's query. */
    Status queryFailed(String reportId, SQLException e) {
        if (e instanceof SqlEngine.ReadOnlyViolation) {
            return Status.FAILED_PRECONDITION.withDescription("report '" + reportId + "' is refused: " + e.getMessage());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = e.getMessage() == null ? "" : e.getMessage();
        Status status;
        if (state.startsWith("08") || text.startsWith("Connection Error")) {
            status = Status.UNAVAILABLE;
        } else if (state.equals("25006")) {
            status = Status.FAILED_PRECONDITION; // read_only_sql_transaction: the report tried to write
        } else if (state.startsWith("53") || text.startsWith("Out of Memory Error")) {
            status = Status.RESOURCE_EXHAUSTED;
        } else if (state.startsWith("42") || state.startsWith("22") || text.startsWith("Parser Error")
                || text.startsWith("Binder Error") || text.startsWith("Catalog Error") || text.startsWith("IO Error")
                || text.startsWith("Conversion Error") || text.startsWith("Permission Error")) {
            status = Status.FAILED_PRECONDITION; // the report (or its data) is wrong, not the call
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription("report '" + reportId + "': database error: " + message(e));
    }

    /** The database's message, trimmed to a few lines and masked. */
    String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        // DuckDB appends the query with a caret line; PostgreSQL adds "Where:" lines: keep the gist.
        String[] lines = m.split("\n");
        StringBuilder b = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length && i < 3; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("LINE") && !l.startsWith("^") && !l.toLowerCase(Locale.ROOT).startsWith("where:")) {
                b.append("; ").append(l);
            }
        }
        String out = secrets.scrub(b.toString());
        return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE) + "…" : out;
    }
}
