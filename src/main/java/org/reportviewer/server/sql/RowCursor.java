package org.reportviewer.server.sql;

import java.sql.SQLException;

/** A running query's rows as text, in the engine's own text form; read by one thread. */
interface RowCursor extends AutoCloseable {

    /** The column labels, in order. */
    String[] labels() throws SQLException;

    /**
     * Fills {@code row} with the next row's values: a String, or a byte[] of UTF-8 where the driver has
     * the bytes already (null for NULL); false at the end of the rows.
     */
    boolean next(Object[] row) throws SQLException;

    @Override
    void close() throws SQLException;
}
