package org.reportviewer.server.sql;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reportviewer.server.Report;

/**
 * One running SQL report: a prepared, parameter-bound statement whose cursor is read only as the
 * stream asks for chunks (so a stalled client holds an open cursor, never the result), and whose
 * {@link #cancel()} stops the database at once from any thread.
 */
final class SqlReport implements Report {

    private static final int CANCEL_RETRIES = 50;
    private static final long CANCEL_RETRY_MILLIS = 100;

    private final String reportId;
    private final SqlEngine engine;
    private final Connection connection;
    private final PreparedStatement statement;
    private final boolean resumable;
    private final SqlErrors errors;
    private final CsvChunks chunks = new CsvChunks();

    private volatile boolean cancelled;
    private volatile boolean closed;
    // Used only by the thread that produces chunks (ChunkPump's drain, one at a time).
    private RowCursor rows;
    private boolean endOfRows;
    private int produced;

    SqlReport(String reportId, SqlEngine engine, Connection connection, PreparedStatement statement,
            boolean resumable, SqlErrors errors) {
        this.reportId = reportId;
        this.engine = engine;
        this.connection = connection;
        this.statement = statement;
        this.resumable = resumable;
        this.errors = errors;
    }

    @Override
    public int totalChunks() {
        return 0; // unknown until the cursor is exhausted: progress is indeterminate
    }

    @Override
    public ByteString chunk(int index) throws IOException, StatusException {
        if (rows == null) {
            start(index);
        }
        // Resume: the same query on the same rows cuts the same chunks, so skipping `index` of them
        // gives exactly what an uninterrupted stream would have sent from there.
        while (produced < index) {
            if (next() == null) {
                return null;
            }
        }
        return next();
    }

    private void start(int index) throws IOException, StatusException {
        if (index > 0 && !resumable) {
            throw Status.FAILED_PRECONDITION.withDescription("report '" + reportId + "' cannot resume from chunk "
                    + index + ": its rows are not declared as ordered on a unique key ('-- resume: by COLUMN' in its "
                    + "header), so a second run could return them in another order; start it again from the "
                    + "beginning").asException();
        }
        checkCancelled();
        try {
            rows = engine.open(statement);
            chunks.add(rows.labels());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private ByteString next() throws IOException, StatusException {
        ByteString chunk = chunks.poll();
        try {
            while (chunk == null && !endOfRows) {
                if (rows.next(chunks)) {
                    chunk = chunks.poll();
                } else {
                    // DuckDB ends an interrupted streaming result as if it were complete: never
                    // pass a cancelled query off as a finished report.
                    checkCancelled();
                    endOfRows = true;
                    chunks.finish();
                    chunk = chunks.poll();
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        if (chunk != null) {
            produced++;
        }
        return chunk;
    }

    private void checkCancelled() throws IOException {
        if (cancelled) {
            throw new IOException("the query was cancelled");
        }
    }

    private StatusException failure(SQLException e) throws IOException {
        checkCancelled(); // the error is the cancel itself; the pump reports the cancel
        return errors.queryFailed(reportId, e).asException();
    }

    @Override
    public String cancel() {
        if (closed || cancelled) {
            return null;
        }
        cancelled = true;
        cancelStatement(0);
        return "the database query was cancelled";
    }

    /**
     * Interrupts the database's work now, even inside executeQuery or next. A cancel that reaches the
     * database just before the query starts is lost, so until the producing thread has let go (and
     * closed the report) the cancel is repeated every {@value #CANCEL_RETRY_MILLIS} ms, for a while.
     */
    private void cancelStatement(int attempt) {
        if (closed) {
            return;
        }
        try {
            engine.cancel(connection, statement);
        } catch (SQLException ignored) {
            // the statement finished meanwhile; closing the connection ends the rest
        }
        if (attempt < CANCEL_RETRIES) {
            CompletableFuture.delayedExecutor(CANCEL_RETRY_MILLIS, TimeUnit.MILLISECONDS)
                    .execute(() -> cancelStatement(attempt + 1));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try (connection; statement) {
            if (rows != null) {
                rows.close();
            }
            engine.release(connection);
        } catch (SQLException e) {
            throw new IOException(errors.message(e), e);
        }
    }
}
