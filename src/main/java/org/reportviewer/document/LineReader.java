package org.reportviewer.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks the lines of the document forward from a known line start, in a bounded buffer, with
 * positional reads (so any number of readers can run while the writer appends). Never reads past
 * {@code end}, the byte count published when the reader was made. Not thread-safe; one per walk.
 */
final class LineReader {

    private static final int FIRST_READ = 8 * 1024;

    /** Copies bytes {@code [at, at + len)} of the document into {@code dst}. */
    interface Source {
        void read(byte[] dst, int off, int len, long at) throws IOException;
    }

    private final Source source;
    private final long end;
    private final int maxBuffer;
    private byte[] buf;
    private final LineRule.Result result = new LineRule.Result();
    private int refills;
    private long bufStart;
    private int bufLen;
    private int pos;

    private int lineStart;
    private int lineEnd;
    private boolean complete;

    LineReader(Source source, long from, long end, int bufferSize) {
        if (bufferSize < 2 * LineRule.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("buffer too small for the longest line: " + bufferSize);
        }
        this.source = source;
        this.end = end;
        this.maxBuffer = bufferSize;
        // Start small: a repaint needs a few KB; a long scan doubles the buffer on each refill.
        this.buf = new byte[(int) Math.max(0, Math.min(FIRST_READ, end - from))];
        this.bufStart = from;
    }

    /** Advances to the next line; false at the end of the published bytes. */
    boolean next() throws IOException {
        if (bufStart + pos >= end) {
            return false;
        }
        while (true) {
            boolean atEnd = bufStart + bufLen >= end;
            if (LineRule.scan(buf, pos, bufLen, atEnd, result)) {
                lineStart = pos;
                lineEnd = result.contentEnd;
                complete = result.complete;
                pos = result.next;
                return true;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, bufLen - pos);
            bufStart += pos;
            bufLen -= pos;
            pos = 0;
        }
        boolean moreToRead = end - bufStart > buf.length;
        if (moreToRead && buf.length < maxBuffer && (bufLen == buf.length || refills > 0)) {
            buf = Arrays.copyOf(buf, (int) Math.min(maxBuffer, Math.max(FIRST_READ, buf.length * 2L)));
        }
        refills++;
        int want = (int) Math.min(buf.length - bufLen, end - bufStart - bufLen);
        source.read(buf, bufLen, want, bufStart + bufLen);
        bufLen += want;
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    /** End of the line's content, excluding the terminator and a trailing {@code '\r'}. */
    int contentEnd() {
        int e = lineEnd;
        if (e > lineStart && buf[e - 1] == '\r') {
            e--;
        }
        return e;
    }

    boolean complete() {
        return complete;
    }

    long lineOffset() {
        return bufStart + lineStart;
    }

    /** The current line as text; malformed UTF-8 becomes U+FFFD. */
    String text() {
        return new String(buf, lineStart, contentEnd() - lineStart, StandardCharsets.UTF_8);
    }
}
