package org.duckdb;

import java.sql.SQLException;

/**
 * Two things DuckDB's JDBC driver (2.0.0.1) keeps package-private that a streaming report needs, reached
 * from inside the driver's package (same class path, same class loader), so a driver upgrade that
 * changes them fails the build instead of a report:
 * <ul>
 *   <li>{@link DuckDBChunkedResult#nextChunk()} answers {@code false} both at the end and on an error;
 *       only {@code checkError()} tells the two apart (a query that fails mid-stream would otherwise look
 *       complete);</li>
 *   <li>{@code Statement.cancel()} interrupts only while the statement executes, not while a chunk is
 *       fetched; the connection's {@code interrupt()} stops both.</li>
 * </ul>
 */
public final class ChunkedResultAccess {

    private ChunkedResultAccess() {}

    /** Throws the result's error, if it has one (after {@code nextChunk()} said false). */
    public static void throwIfFailed(DuckDBChunkedResult result) throws SQLException {
        result.checkError();
    }

    /** Interrupts whatever the connection runs, from any thread; harmless when nothing runs. */
    public static void interrupt(DuckDBConnection connection) throws SQLException {
        connection.connRefLock.lock();
        try {
            connection.interrupt();
        } finally {
            connection.connRefLock.unlock();
        }
    }
}
