package org.reportviewer.server.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Rows of a plain JDBC {@link ResultSet}: the driver's {@code getString} is the database's text form. */
final class JdbcCursor implements RowCursor {

    private final ResultSet rows;
    private Object[] row;

    JdbcCursor(ResultSet rows) {
        this.rows = rows;
    }

    @Override
    public String[] labels() throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        String[] labels = new String[meta.getColumnCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = meta.getColumnLabel(i + 1);
        }
        return labels;
    }

    @Override
    public boolean next(CsvChunks out) throws SQLException {
        if (!rows.next()) {
            return false;
        }
        if (row == null) {
            row = new Object[rows.getMetaData().getColumnCount()];
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = rows.getString(i + 1);
        }
        out.add(row);
        return true;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
