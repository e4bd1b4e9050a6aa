package org.reportviewer.server.sql;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Rows in, chunks out: RFC 4180 CSV (FastCSV) with {@code \n} line ends, NULL as an empty field and
 * an empty string as {@code ""}, cut into chunks after the row that reaches {@link #TARGET} characters.
 * A single row larger than {@link #MAX_CHUNK} bytes is split into several chunks. The cut points
 * depend only on the rows, so the same rows always give the same chunks (what resume relies on).
 */
final class CsvChunks {

    static final int TARGET = 64 << 10;
    /** Well under the 4 MiB message limit of a default gRPC client. */
    static final int MAX_CHUNK = 1 << 20;

    private final StringBuilder text = new StringBuilder(TARGET + 4096);
    private final CsvWriter csv;
    private final ArrayDeque<ByteString> ready = new ArrayDeque<>();

    CsvChunks() {
        // Unbuffered: every field goes straight into `text`, so its length is exact after each row.
        csv = CsvWriter.builder()
                .lineDelimiter(LineDelimiter.LF)
                .quoteStrategy(QuoteStrategies.EMPTY)
                .bufferSize(0)
                .build(new Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) {
                        text.append(cbuf, off, len);
                    }

                    @Override
                    public void write(String str, int off, int len) {
                        text.append(str, off, off + len);
                    }

                    @Override
                    public void write(int c) {
                        text.append((char) c);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                });
    }

    /** Adds one row (null values are NULLs); true when a chunk is ready to take. */
    boolean add(String[] row) {
        csv.writeRecord(row);
        if (text.length() >= TARGET) {
            cut();
        }
        return !ready.isEmpty();
    }

    /** Turns whatever is left into a last chunk (at the end of the result). */
    void finish() {
        if (text.length() > 0) {
            cut();
        }
    }

    /** The next chunk, or null when none is ready. */
    ByteString poll() {
        return ready.poll();
    }

    private void cut() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        if (bytes.length <= MAX_CHUNK) {
            ready.add(UnsafeByteOperations.unsafeWrap(bytes)); // never touched again: no copy
            return;
        }
        for (int off = 0; off < bytes.length; off += MAX_CHUNK) {
            ready.add(ByteString.copyFrom(bytes, off, Math.min(MAX_CHUNK, bytes.length - off)));
        }
    }
}
