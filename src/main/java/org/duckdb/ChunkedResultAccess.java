package org.duckdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
 *   <li>{@link DuckDBReadableVector#getString} decodes each VARCHAR's UTF-8 into a String, which a CSV
 *       writer at once encodes back to UTF-8 (a sixth of the server's CPU on bench case 9);
 *       {@link #utf8} hands over the bytes the driver's native call returns, under the same lock.</li>
 *   <li>The typed getters ({@code getLong}, {@code getBigDecimal}) check the type and the row and box a
 *       DECIMAL per value; {@link #data}, {@link #validity} and {@link #decimalScale} give a cursor the
 *       vector's memory (native byte order, as the getters read it) and the decimal's layout, so it reads a
 *       whole chunk in one loop.</li>
 * </ul>
 */
public final class ChunkedResultAccess {

    /** The vector's data pointer, which {@code getString} passes to the native call (private in the driver). */
    private static final VarHandle VECTOR_DATA;
    /** DuckDB's string_t: its size, and the longest string it holds inline (duckdb.h, {@code duckdb_string_t}). */
    private static final int STRING_T = 16;
    private static final int INLINED = 12;
    private static final VarHandle VECTOR_VALIDITY;
    private static final VarHandle VECTOR_TYPE_INFO;

    static {
        try {
            MethodHandles.Lookup vector = MethodHandles.privateLookupIn(DuckDBReadableVector.class, MethodHandles.lookup());
            VECTOR_DATA = vector.findVarHandle(DuckDBReadableVector.class, "data", ByteBuffer.class);
            VECTOR_VALIDITY = vector.findVarHandle(DuckDBReadableVector.class, "validity", ByteBuffer.class);
            VECTOR_TYPE_INFO = vector.findVarHandle(DuckDBReadableVector.class, "typeInfo", DuckDBVectorTypeInfo.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ChunkedResultAccess() {}

    /**
     * The UTF-8 bytes of rows {@code 0..rows-1} of a VARCHAR vector into {@code out} (null for NULL), as
     * {@code getString} reads them but without the String: under the chunk's lock, so a chunk closed
     * meanwhile fails with an error instead of reading freed memory.
     */
    public static void utf8(DuckDBDataChunkReader chunk, DuckDBReadableVector vector, int rows, Object[] out)
            throws SQLException {
        if (vector.getType() != DuckDBColumnType.VARCHAR) {
            throw new SQLException("not a VARCHAR vector: " + vector.getType());
        }
        ByteBuffer data = (ByteBuffer) VECTOR_DATA.get(vector);
        chunk.chunkRefLock.lock();
        try {
            chunk.checkOpen();
            for (int i = 0; i < rows; i++) {
                if (vector.isNull(i)) {
                    out[i] = null;
                    continue;
                }
                // A duckdb_string_t is 16 bytes: a 4-byte length, then a string of up to 12 bytes inline
                // (read here without a native call) or a prefix and a pointer (which takes the driver's call).
                int length = data.capacity() >= (i + 1) * STRING_T ? data.getInt(i * STRING_T) : Integer.MAX_VALUE;
                if (length <= INLINED) {
                    byte[] inline = new byte[length];
                    data.get(i * STRING_T + 4, inline);
                    out[i] = inline;
                } else {
                    out[i] = DuckDBBindings.duckdb_vector_get_string(data, i);
                }
            }
        } finally {
            chunk.chunkRefLock.unlock();
        }
    }

    /**
     * The vector's values, {@code rowCount} fixed-width slots in native byte order (a DECIMAL's slots hold
     * its unscaled value in {@link #decimalBytes} bytes). Valid until the result moves to its next chunk.
     */
    public static ByteBuffer data(DuckDBReadableVector vector) {
        return (ByteBuffer) VECTOR_DATA.get(vector);
    }

    /**
     * The vector's validity mask, one bit per row in 64-bit words (bit set = not NULL), or null when no
     * row is NULL.
     */
    public static ByteBuffer validity(DuckDBReadableVector vector) {
        return (ByteBuffer) VECTOR_VALIDITY.get(vector);
    }

    /** A DECIMAL vector's scale (digits after the point). */
    public static int decimalScale(DuckDBReadableVector vector) {
        return ((DuckDBVectorTypeInfo) VECTOR_TYPE_INFO.get(vector)).decimalMeta.scale;
    }

    /** The bytes of a DECIMAL vector's unscaled value: 2, 4, 8 or 16 (the width decides). */
    public static int decimalBytes(DuckDBReadableVector vector) {
        return ((DuckDBVectorTypeInfo) VECTOR_TYPE_INFO.get(vector)).widthBytes;
    }

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
