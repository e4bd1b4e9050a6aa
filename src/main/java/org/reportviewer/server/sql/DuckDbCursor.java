package org.reportviewer.server.sql;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * A DuckDB query read a data chunk (about 2,048 rows) at a time through the driver's chunk API
 * ({@code DuckDBPreparedStatement.query()}), which streams. Why not the {@code ResultSet}: profiled on
 * case 9, its fetch turned every value of a chunk into a Java object up front and cost about 4 µs of
 * CPU per row of four columns, more than DuckDB's whole CSV export of that row. Here integers, booleans
 * and decimals of up to 18 digits are read straight from the vector's memory and written as digits
 * into the CSV buffer (the same text as DuckDB's); strings cost one call into the driver each and stay
 * UTF-8 bytes; every other type arrives already cast to VARCHAR by the engine ({@link DuckDbEngine#prepare}),
 * so its text form is DuckDB's own. The chunks are fetched one ahead on another thread ({@link DuckDbReadAhead}).
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
    private final DuckDbReadAhead readAhead;
    private final String[] labels;
    private final int[] kinds;
    private DuckDbReadAhead.Batch batch;
    private int nextRow;
    private boolean ended;

    DuckDbCursor(DuckDBPreparedStatement statement) throws SQLException {
        result = statement.query();
        int n = (int) result.columnCount();
        labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = result.columnName(i);
        }
        kinds = new int[n];
        readAhead = new DuckDbReadAhead(result, statement.getConnection().unwrap(DuckDBConnection.class), n);
    }

    @Override
    public String[] labels() {
        return labels.clone();
    }

    @Override
    public boolean next(CsvChunks out) throws SQLException {
        if ((batch == null || nextRow == batch.rows) && !fetch()) {
            return false;
        }
        DuckDbReadAhead.Batch b = batch;
        int row = nextRow++;
        for (int c = 0; c < kinds.length; c++) {
            ByteBuffer nulls = b.validity[c];
            if (nulls != null && (nulls.getLong((row >>> 6) << 3) & (1L << row)) == 0) {
                out.nullField(c);
                continue;
            }
            ByteBuffer d = b.data[c];
            switch (kinds[c]) {
                case TEXT -> out.utf8(c, (byte[]) b.text[c][row]);
                case I64 -> out.integer(c, d.getLong(row << 3));
                case I32 -> out.integer(c, d.getInt(row << 2));
                case I16 -> out.integer(c, d.getShort(row << 1));
                case I8 -> out.integer(c, d.get(row));
                case U32 -> out.integer(c, d.getInt(row << 2) & 0xFFFF_FFFFL);
                case U16 -> out.integer(c, d.getShort(row << 1) & 0xFFFF);
                case U8 -> out.integer(c, d.get(row) & 0xFF);
                case BOOL -> out.bool(c, d.get(row) != 0);
                case DEC64 -> out.decimal(c, d.getLong(row << 3), b.scales[c]);
                case DEC32 -> out.decimal(c, d.getInt(row << 2), b.scales[c]);
                case DEC16 -> out.decimal(c, d.getShort(row << 1), b.scales[c]);
                default -> throw new IllegalStateException("kind " + kinds[c]);
            }
        }
        out.endRow();
        return true;
    }

    private boolean fetch() throws SQLException {
        if (batch != null) {
            readAhead.release(batch);
            batch = null;
        }
        if (ended) {
            return false;
        }
        DuckDbReadAhead.Batch b = readAhead.take();
        if (b.rows == 0) {
            ended = true; // the fetcher has stopped
            return false;
        }
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kind(c, b.types[c], b.decimalBytes[c]);
        }
        batch = b;
        nextRow = 0;
        return true;
    }

    private int kind(int column, DuckDBColumnType type, int decimalBytes) throws SQLException {
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
            case DECIMAL -> switch (decimalBytes) {
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
        try (result) {
            readAhead.close(); // first: the fetcher must have let go of the result before it is closed
        }
    }
}
