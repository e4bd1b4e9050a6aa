package org.reportviewer.server.sql;

import java.nio.ByteBuffer;
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
 * CPU per row of four columns, more than DuckDB's whole CSV export of that row. Here integers, booleans
 * and decimals of up to 18 digits are read straight from the vector's memory and written as digits
 * into the CSV buffer (the same text as DuckDB's); strings cost one call into the driver each and stay
 * UTF-8 bytes; every other type arrives already cast to VARCHAR by the engine ({@link DuckDbEngine#prepare}),
 * so its text form is DuckDB's own.
 */
final class DuckDbCursor implements RowCursor {

    /** Column types read natively (DECIMAL only up to 18 digits); every other column is cast to VARCHAR in the query. */
    static final Set<DuckDBColumnType> NATIVE = EnumSet.of(DuckDBColumnType.BOOLEAN, DuckDBColumnType.TINYINT,
            DuckDBColumnType.SMALLINT, DuckDBColumnType.INTEGER, DuckDBColumnType.BIGINT, DuckDBColumnType.UTINYINT,
            DuckDBColumnType.USMALLINT, DuckDBColumnType.UINTEGER, DuckDBColumnType.DECIMAL, DuckDBColumnType.VARCHAR);

    private static final int TEXT = 0;
    private static final int BOOL = 1;
    private static final int I8 = 2;
    private static final int I16 = 3;
    private static final int I32 = 4;
    private static final int I64 = 5;
    private static final int U8 = 6;
    private static final int U16 = 7;
    private static final int U32 = 8;
    private static final int DEC16 = 9;
    private static final int DEC32 = 10;
    private static final int DEC64 = 11;

    private final DuckDBChunkedResult result;
    private final String[] labels;
    // The current chunk, column by column: how to read it, its memory, its NULLs, its strings.
    private final int[] kinds;
    private final int[] scales;
    private final ByteBuffer[] data;
    private final ByteBuffer[] validity;
    private final Object[][] text;
    private int rowsInChunk;
    private int nextRow;

    DuckDbCursor(DuckDBPreparedStatement statement) throws SQLException {
        result = statement.query();
        int n = (int) result.columnCount();
        labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = result.columnName(i);
        }
        kinds = new int[n];
        scales = new int[n];
        data = new ByteBuffer[n];
        validity = new ByteBuffer[n];
        text = new Object[n][];
    }

    @Override
    public String[] labels() {
        return labels.clone();
    }

    @Override
    public boolean next(CsvChunks out) throws SQLException {
        if (nextRow == rowsInChunk && !fetch()) {
            return false;
        }
        int row = nextRow++;
        for (int c = 0; c < kinds.length; c++) {
            ByteBuffer nulls = validity[c];
            if (nulls != null && (nulls.getLong((row >>> 6) << 3) & (1L << row)) == 0) {
                out.nullField(c);
                continue;
            }
            ByteBuffer d = data[c];
            switch (kinds[c]) {
                case TEXT -> out.utf8(c, (byte[]) text[c][row]);
                case I64 -> out.integer(c, d.getLong(row << 3));
                case I32 -> out.integer(c, d.getInt(row << 2));
                case I16 -> out.integer(c, d.getShort(row << 1));
                case I8 -> out.integer(c, d.get(row));
                case U32 -> out.integer(c, d.getInt(row << 2) & 0xFFFF_FFFFL);
                case U16 -> out.integer(c, d.getShort(row << 1) & 0xFFFF);
                case U8 -> out.integer(c, d.get(row) & 0xFF);
                case BOOL -> out.bool(c, d.get(row) != 0);
                case DEC64 -> out.decimal(c, d.getLong(row << 3), scales[c]);
                case DEC32 -> out.decimal(c, d.getInt(row << 2), scales[c]);
                case DEC16 -> out.decimal(c, d.getShort(row << 1), scales[c]);
                default -> throw new IllegalStateException("kind " + kinds[c]);
            }
        }
        out.endRow();
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
        for (int c = 0; c < kinds.length; c++) {
            DuckDBReadableVector v = chunk.vector(c);
            kinds[c] = kind(c, v);
            data[c] = ChunkedResultAccess.data(v);
            validity[c] = ChunkedResultAccess.validity(v);
            if (kinds[c] == TEXT) {
                if (text[c] == null || text[c].length < rowsInChunk) {
                    text[c] = new Object[rowsInChunk];
                }
                ChunkedResultAccess.utf8(chunk, v, rowsInChunk, text[c]); // no String, no re-encoding
            } else if (kinds[c] >= DEC16) {
                scales[c] = ChunkedResultAccess.decimalScale(v);
            }
        }
        return true;
    }

    private int kind(int column, DuckDBReadableVector v) throws SQLException {
        DuckDBColumnType type = v.getType();
        return switch (type) {
            case VARCHAR -> TEXT;
            case BOOLEAN -> BOOL;
            case TINYINT -> I8;
            case SMALLINT -> I16;
            case INTEGER -> I32;
            case BIGINT -> I64;
            case UTINYINT -> U8;
            case USMALLINT -> U16;
            case UINTEGER -> U32;
            case DECIMAL -> switch (ChunkedResultAccess.decimalBytes(v)) {
                case 2 -> DEC16;
                case 4 -> DEC32;
                case 8 -> DEC64;
                default -> throw notPlanned(column, type + " of more than 18 digits");
            };
            default -> throw notPlanned(column, type.toString());
        };
    }

    /** A bound parameter changed a column's type after it was planned: say so, never guess a text form. */
    private SQLException notPlanned(int column, String type) {
        return new SQLException("column '" + labels[column] + "' arrived as " + type + ", which was not planned for");
    }

    @Override
    public void close() throws SQLException {
        result.close();
    }
}
