package org.reportviewer.server.sql;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.duckdb.ChunkedResultAccess;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * A DuckDB query read a data chunk (about 2,048 rows) at a time through the driver's chunk API
 * ({@code DuckDBPreparedStatement.query()}), which streams. Why not the {@code ResultSet}: profiled on
 * case 9, its fetch turned every value of a chunk into a Java object up front and cost about 4 µs of
 * CPU per row of four columns, more than DuckDB's whole CSV export of that row. Here integers and
 * booleans are read straight from the vector's memory and written as Java writes them (the same text
 * as DuckDB's); strings cost one call into the driver each and stay UTF-8 bytes; every other type arrives already cast to
 * VARCHAR by the engine ({@link DuckDbEngine#prepare}), so its text form is DuckDB's own.
 */
final class DuckDbCursor implements RowCursor {

    /** Column types read natively; every other column is cast to VARCHAR in the query. */
    static final Set<DuckDBColumnType> NATIVE = EnumSet.of(DuckDBColumnType.BOOLEAN, DuckDBColumnType.TINYINT,
            DuckDBColumnType.SMALLINT, DuckDBColumnType.INTEGER, DuckDBColumnType.BIGINT, DuckDBColumnType.UTINYINT,
            DuckDBColumnType.USMALLINT, DuckDBColumnType.UINTEGER, DuckDBColumnType.VARCHAR);

    private final DuckDBChunkedResult result;
    private final String[] labels;
    /** The current chunk, column by column, as text (VARCHARs as UTF-8 bytes). */
    private final Object[][] columns;
    private int rowsInChunk;
    private int nextRow;

    DuckDbCursor(DuckDBPreparedStatement statement) throws SQLException {
        result = statement.query();
        labels = new String[(int) result.columnCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = result.columnName(i);
        }
        columns = new Object[labels.length][];
    }

    @Override
    public String[] labels() {
        return labels.clone();
    }

    @Override
    public boolean next(Object[] row) throws SQLException {
        if (nextRow == rowsInChunk && !fetch()) {
            return false;
        }
        for (int c = 0; c < row.length; c++) {
            row[c] = columns[c][nextRow];
        }
        nextRow++;
        return true;
    }

    private boolean fetch() throws SQLException {
        DuckDBDataChunkReader chunk;
        do {
            if (!result.nextChunk()) {
                // The end, or an error (a failure mid-stream, an interrupt): the driver says false for both.
                ChunkedResultAccess.throwIfFailed(result);
                return false;
            }
            chunk = result.chunk();
        } while (chunk.rowCount() == 0);
        rowsInChunk = (int) chunk.rowCount();
        nextRow = 0;
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] == null || columns[c].length < rowsInChunk) {
                columns[c] = new Object[rowsInChunk];
            }
            DuckDBReadableVector v = chunk.vector(c);
            if (v.getType() == DuckDBColumnType.VARCHAR) {
                ChunkedResultAccess.utf8(chunk, v, rowsInChunk, columns[c]); // no String, no re-encoding
            } else {
                read(c, v, rowsInChunk);
            }
        }
        return true;
    }

    private void read(int column, DuckDBReadableVector v, int rows) throws SQLException {
        DuckDBColumnType type = v.getType();
        Object[] out = columns[column];
        for (int i = 0; i < rows; i++) {
            if (v.isNull(i)) {
                out[i] = null;
                continue;
            }
            out[i] = switch (type) {
                case BIGINT -> Long.toString(v.getLong(i));
                case INTEGER -> Integer.toString(v.getInt(i));
                case SMALLINT -> Integer.toString(v.getShort(i));
                case TINYINT -> Integer.toString(v.getByte(i));
                case UINTEGER -> Long.toString(v.getUint32(i));
                case USMALLINT -> Integer.toString(v.getUint16(i));
                case UTINYINT -> Integer.toString(v.getUint8(i));
                case BOOLEAN -> v.getBoolean(i) ? "true" : "false";
                // A bound parameter changed a column's type after it was planned: say so, never guess a text form.
                default -> throw new SQLException("column '" + labels[column]
                        + "' arrived as " + type + ", which was not planned for");
            };
        }
    }

    @Override
    public void close() throws SQLException {
        result.close();
    }
}
