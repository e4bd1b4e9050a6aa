package org.reportviewer.server.sql;

import java.sql.SQLException;

/** A running query's rows as text, in the engine's own text form; read by one thread. */
interface RowCursor extends AutoCloseable {

    /** The column labels, in order. */
    String[] labels() throws SQLException;

    /**
     * Writes the next row into {@code out} (a cursor that reads the engine's memory writes its values
     * there directly, without a Java object per value); false at the end of the rows.
     */
    boolean next(CsvChunks out) throws SQLException;

    @Override
    void close() throws SQLException;
}
