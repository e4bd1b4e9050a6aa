package org.reportviewer.document;

import java.util.Arrays;

/**
 * Finds where CSV records end, line by line, with the quoting rules of FastCSV (the library that then
 * parses each record's fields), so a record whose quoted field holds newlines spans several lines. The
 * report's lines are the document's: they end at {@code '\n'} or at a forced break of a very long line,
 * and a record can only end at a {@code '\n'} outside quotes.
 *
 * <p>A field is quoted only when it starts with {@code '"'}; inside it {@code ""} is a quote; after the
 * closing quote, further characters belong to the same field and another {@code '"'} quotes again (as
 * FastCSV reads {@code "a"b"c,d} as one field). A record that grows past {@link #MAX_RECORD_BYTES}
 * (an unbalanced quote) is cut at the next line end, so one bad quote cannot make the rest of a 1 GiB
 * report a single row. Optionally collects the record's bytes. Not thread-safe; one per walk.
 */
final class RecordWalker {

    static final int MAX_RECORD_BYTES = 1 << 20;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_QUOTED = 4;

    private final byte delimiter;
    private final boolean collect;
    private int state = FIELD_START;
    private long recordBytes;
    private int lines;
    private boolean blank;
    private byte[] bytes;
    private int length;

    RecordWalker(char delimiter, boolean collect) {
        if (delimiter > 0x7F) {
            throw new IllegalArgumentException("delimiter must be ASCII: " + delimiter);
        }
        this.delimiter = (byte) delimiter;
        this.collect = collect;
        this.bytes = collect ? new byte[1024] : null;
    }

    /**
     * Feeds the next line: content {@code [start, contentEnd)}, terminator up to {@code end}.
     *
     * @return whether a record ended with this line (then {@link #blank()} and the collected bytes
     *         describe it; the next call starts a new record)
     */
    boolean line(byte[] buf, int start, int contentEnd, int end) {
        if (lines == 0) {
            length = 0;
            recordBytes = 0;
            blank = contentEnd == start && end > start;
        }
        lines++;
        recordBytes += end - start;
        if (collect) {
            append(buf, start, end);
        }
        boolean terminated = end > start && buf[end - 1] == '\n';
        boolean ended;
        if (terminated && (state == FIELD_START || state == UNQUOTED) && quoteIn(buf, start, end) < 0) {
            ended = true; // the common case: no quote anywhere near, the line ends the record
        } else {
            ended = walk(buf, start, end);
        }
        if (!ended && terminated && recordBytes > MAX_RECORD_BYTES) {
            ended = true;
        }
        if (ended) {
            if (collect) {
                length -= end - contentEnd; // the record's bytes exclude its final line break
            }
            state = FIELD_START;
            lines = 0;
        }
        return ended;
    }

    /** Runs the quote state machine over the bytes; true when a record ended at the line's '\n'. */
    private boolean walk(byte[] buf, int start, int end) {
        int s = state;
        byte d = delimiter;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '\n' && s != QUOTED) {
                state = FIELD_START;
                return true;
            }
            switch (s) {
                case FIELD_START -> s = b == '"' ? QUOTED : b == d ? FIELD_START : UNQUOTED;
                case UNQUOTED -> s = b == d ? FIELD_START : UNQUOTED;
                case QUOTED -> s = b == '"' ? QUOTE_IN_QUOTED : QUOTED;
                case QUOTE_IN_QUOTED -> s = b == '"' ? QUOTED : b == d ? FIELD_START : AFTER_QUOTED;
                default -> s = b == '"' ? QUOTED : b == d ? FIELD_START : AFTER_QUOTED;
            }
        }
        state = s;
        return false;
    }

    private static int quoteIn(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] buf, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        System.arraycopy(buf, from, bytes, length, n);
        length += n;
    }

    /** Whether a record has started and not ended (the stream may still complete it). */
    boolean inRecord() {
        return lines > 0;
    }

    /** The record that just ended was an empty line (not a row: blank lines are skipped). */
    boolean blank() {
        return blank;
    }

    /** Ends the unfinished record as it is (the report is over); its bytes stay readable. */
    void finish() {
        state = FIELD_START;
        lines = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
