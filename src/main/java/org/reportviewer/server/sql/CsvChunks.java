package org.reportviewer.server.sql;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Rows in, chunks out: RFC 4180 CSV with {@code \n} line ends, NULL as an empty field and an empty
 * string as {@code ""}, cut into chunks after the row that reaches {@link #TARGET} bytes. A single row
 * larger than {@link #MAX_CHUNK} bytes is split into several chunks. The cut points depend only on the
 * rows, so the same rows always give the same chunks (what resume relies on).
 *
 * <p>Why not FastCSV here (it was, with the same quoting rules, which the tests pin byte for byte):
 * profiled on bench case 9, its quoting scan, the UTF-16 text buffer and the chunk's re-encoding to
 * UTF-8 were a third of the server's CPU. This scans each field's UTF-8 bytes for quoting and copies
 * them once, straight into one reused buffer.
 */
final class CsvChunks {

    static final int TARGET = 64 << 10;
    /** Well under the 4 MiB message limit of a default gRPC client. */
    static final int MAX_CHUNK = 1 << 20;

    private byte[] buf = new byte[TARGET + 8192];
    private int len;
    private final ArrayDeque<ByteString> ready = new ArrayDeque<>();

    /** Adds one row of Strings or UTF-8 byte[]s (null values are NULLs); true when a chunk is ready to take. */
    boolean add(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                nullField(i);
            } else {
                // A String's getBytes is one vectorised copy for ASCII text, faster than encoding char by char.
                utf8(i, value instanceof byte[] utf8 ? utf8 : ((String) value).getBytes(StandardCharsets.UTF_8));
            }
        }
        return endRow();
    }

    /*
     * Field by field, for a cursor that writes values straight from the engine's memory (column is the
     * field's position in its row: 0 starts a row). endRow() closes the row; true when a chunk is ready.
     */

    void nullField(int column) {
        separator(column);
    }

    /** An integer in Java's text form, which is DuckDB's: digits written here, no String per value. */
    void integer(int column, long value) {
        separator(column);
        room(20);
        len = digits(value, buf, len);
    }

    /** A decimal {@code unscaled / 10^scale} as DuckDB writes it: {@code -0.50}, {@code 12.000}, {@code 7}. */
    void decimal(int column, long unscaled, int scale) {
        separator(column);
        room(22);
        if (scale == 0) {
            len = digits(unscaled, buf, len);
            return;
        }
        if (unscaled < 0) {
            buf[len++] = '-';
            unscaled = -unscaled; // a DECIMAL of up to 18 digits never holds Long.MIN_VALUE
        }
        long pow = POWERS_OF_TEN[scale];
        len = digits(unscaled / pow, buf, len);
        buf[len++] = '.';
        long fraction = unscaled % pow;
        for (int i = len + scale - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        len += scale;
    }

    void bool(int column, boolean value) {
        separator(column);
        room(5);
        byte[] text = value ? TRUE : FALSE;
        System.arraycopy(text, 0, buf, len, text.length);
        len += text.length;
    }

    /** A text value as its UTF-8 bytes (the array is only read). */
    void utf8(int column, byte[] value) {
        separator(column);
        field(value, column == 0);
    }

    /** Ends the row; true when a chunk is ready to take. */
    boolean endRow() {
        room(1);
        buf[len++] = '\n';
        if (len >= TARGET) {
            cut();
        }
        return !ready.isEmpty();
    }

    private void separator(int column) {
        if (column > 0) {
            room(1);
            buf[len++] = ',';
        }
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** Writes {@code value}'s decimal digits (and sign) at {@code at}; returns the index after them. */
    static int digits(long value, byte[] out, int at) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(min, 0, out, at, min.length);
                return at + min.length;
            }
            out[at++] = '-';
            value = -value;
        }
        int n = 1;
        while (n < 19 && value >= POWERS_OF_TEN[n]) {
            n++;
        }
        int end = at + n;
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    /** Turns whatever is left into a last chunk (at the end of the result). */
    void finish() {
        if (len > 0) {
            cut();
        }
    }

    /** The next chunk, or null when none is ready. */
    ByteString poll() {
        return ready.poll();
    }

    /**
     * One value in UTF-8, quoted when it holds a comma, a quote, CR or LF (no multi-byte sequence holds
     * an ASCII byte), is empty, or starts a row with {@code #} (so no reader takes the row for a
     * comment): FastCSV's rules, which DuckDB's own export agrees with.
     */
    private void field(byte[] value, boolean first) {
        int n = value.length;
        room(2 * n + 2);
        if (n == 0 || (first && value[0] == '#') || needsQuotes(value)) {
            buf[len++] = '"';
            for (byte b : value) {
                if (b == '"') {
                    buf[len++] = '"';
                }
                buf[len++] = b;
            }
            buf[len++] = '"';
        } else {
            System.arraycopy(value, 0, buf, len, n);
            len += n;
        }
    }

    private static boolean needsQuotes(byte[] value) {
        for (byte b : value) {
            // All four bytes that matter are at most ',' (0x2C): one compare passes letters, digits and
            // every byte of a multi-byte sequence (0x80 and up, masked as unsigned).
            if ((b & 0xFF) <= ',' && (b == ',' || b == '"' || b == '\n' || b == '\r')) {
                return true;
            }
        }
        return false;
    }

    private void room(int more) {
        if (len + more > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, len + more)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
    }

    private void cut() {
        // One copy out of the reused buffer; a row that made it outgrow MAX_CHUNK goes in several chunks.
        for (int off = 0; off < len; off += MAX_CHUNK) {
            ready.add(ByteString.copyFrom(buf, off, Math.min(MAX_CHUNK, len - off)));
        }
        len = 0;
        if (buf.length > 4 * TARGET) {
            buf = new byte[TARGET + 8192]; // don't keep a huge row's buffer for the rest of the report
        }
    }
}
