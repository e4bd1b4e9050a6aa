package org.reportviewer.document;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A growing report kept in a spool file, with a sparse line index in memory, so that a report of any
 * size can be shown, searched and saved while the heap holds only a few MB.
 *
 * <p>The index stores the byte offset of every {@code stride}-th line start (stride 64 at first; it
 * doubles whenever the index reaches {@value #MAX_MARKS} entries, so even a report of a billion empty
 * lines costs at most 8 MB). A reader finds line {@code n} by jumping to the mark before it and
 * re-scanning at most {@code stride} lines with {@link LineRule}, the same rule the writer indexed with.
 *
 * <p>Threading: exactly one writer thread calls {@link #append}; any thread may read. The writer copies
 * the bytes into a 64 KiB pending buffer (flushed to the file when full), indexes them, and only then
 * publishes an immutable {@link State} through a volatile field, so a reader never looks at bytes or
 * marks that are not yet written. Readers take published bytes from the file or, above the flushed
 * point, from the pending buffer. No JavaFX types here.
 */
public final class ReportDocument implements AutoCloseable {

    static final int INITIAL_STRIDE = 64;
    static final int MAX_MARKS = 1 << 20;
    private static final int PENDING = 64 * 1024;
    private static final int VIEW_BUFFER = 64 * 1024;
    private static final int FIND_BUFFER = 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final int maxMarks;
    private volatile State state = State.EMPTY;
    private volatile boolean closed;

    // Appended bytes collect here and go to the file 64 KiB at a time (small enough to stay in cache),
    // so a stream of small chunks costs a memcpy each rather than a system call. Direct, so the channel
    // writes it without another copy; little-endian for Newlines' 8-byte reads. The writer fills it;
    // readers copy published bytes out of it under spoolLock, and it is only reset under that lock.
    private final ByteBuffer pending = ByteBuffer.allocateDirect(PENDING).order(ByteOrder.LITTLE_ENDIAN);
    private final Object spoolLock = new Object();
    /** File offset of pending[0]; bytes below it are in the file. Written under spoolLock. */
    private long pendingStart;

    // Writer-only state: touched by the single appending thread only.
    private long written;
    private long lineStart;
    private long completeLines;
    private long maxLineBytes;
    private long[] marks = new long[16];
    private int markCount = 1; // marks[0] = 0: line 0 starts at byte 0
    private int stride = INITIAL_STRIDE;

    // The last decoded window of complete lines; repaints of an unchanged view hit it.
    private final Object cacheLock = new Object();
    private long cachedFirst = -1;
    private List<String> cachedLines = List.of();

    private ReportDocument(Path file, FileChannel channel, int maxMarks) {
        this.file = file;
        this.channel = channel;
        this.maxMarks = maxMarks;
    }

    /** A new empty document spooled to a temp file in {@code java.io.tmpdir}; the file goes on close. */
    public static ReportDocument createTemp() throws IOException {
        return createTemp(MAX_MARKS);
    }

    /** As {@link #createTemp()}, with a smaller index limit so tests can see the stride double. */
    static ReportDocument createTemp(int maxMarks) throws IOException {
        if (maxMarks < 2 || maxMarks % 2 != 0) {
            throw new IllegalArgumentException("maxMarks must be even and >= 2: " + maxMarks);
        }
        Path file = Files.createTempFile("report-viewer-", ".spool");
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            return new ReportDocument(file, ch, maxMarks);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Appends bytes; only the single writer thread may call this. */
    public void append(ByteString data) throws IOException {
        if (closed) {
            throw new IOException("report document is closed");
        }
        int size = data.size();
        for (int off = 0; off < size; ) {
            if (!pending.hasRemaining()) {
                flush();
            }
            int at = pending.position();
            int n = Math.min(pending.remaining(), size - off);
            (n == size ? data : data.substring(off, off + n)).copyTo(pending);
            index(at, n);
            written += n;
            off += n;
        }
        if (size > 0) {
            state = new State(written, completeLines, lineStart, maxLineBytes, marks, markCount, stride);
        }
    }

    /** Writes the pending buffer to the file, then (under the lock readers copy with) starts it afresh. */
    private void flush() throws IOException {
        ByteBuffer out = pending.duplicate();
        out.flip();
        long at = pendingStart;
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
        synchronized (spoolLock) {
            pendingStart = written;
            pending.clear();
        }
    }

    /**
     * Copies published bytes {@code [at, at + len)} into {@code dst}: from the file below
     * {@code pendingStart}, from the pending buffer above it. Any thread.
     */
    private void readAt(byte[] dst, int off, int len, long at) throws IOException {
        int done = 0;
        while (done < len) {
            long pos = at + done;
            long onDisk;
            synchronized (spoolLock) {
                if (closed) {
                    throw new IOException("report document is closed");
                }
                if (pos >= pendingStart) {
                    // Everything published from here on is still in the pending buffer.
                    pending.get((int) (pos - pendingStart), dst, off + done, len - done);
                    return;
                }
                onDisk = pendingStart;
            }
            int want = (int) Math.min(len - done, onDisk - pos);
            ByteBuffer b = ByteBuffer.wrap(dst, off + done, want);
            long p = pos;
            while (b.hasRemaining()) {
                int r = channel.read(b, p);
                if (r < 0) {
                    throw new java.io.EOFException("spool file ends at byte " + p);
                }
                p += r;
            }
            done += want;
        }
    }

    /** Finds the line ends in {@code pending[from, from + n)}, which starts at file offset {@code written}. */
    private void index(int from, int n) {
        final long base = written - from; // file offset of pending[0]
        final ByteBuffer b = pending;
        final int to = from + n;
        int i = from;
        while (i < to) {
            long len = base + i - lineStart;
            if (len < LineRule.CAP) {
                int stop = (int) Math.min(to, i + (LineRule.CAP - len));
                int j = Newlines.indexOf(b, i, stop);
                if (j >= 0) {
                    endLine(base + j, base + j + 1);
                    i = j + 1;
                } else {
                    i = stop;
                }
            } else if (b.get(i) == '\n') {
                endLine(base + i, base + i + 1);
                i++;
            } else if (!LineRule.isContinuation(b.get(i)) || len >= LineRule.CAP + 3) {
                endLine(base + i, base + i); // forced break before this byte
            } else {
                i++;
            }
        }
    }

    private void endLine(long contentEnd, long next) {
        maxLineBytes = Math.max(maxLineBytes, contentEnd - lineStart);
        completeLines++;
        lineStart = next;
        if (completeLines % stride == 0) {
            addMark(next);
        }
    }

    private void addMark(long offset) {
        if (markCount == maxMarks) {
            // Halve the index instead of growing it: keep every other mark, double the stride. A new
            // array, because readers may still hold the old one through an older State.
            long[] halved = new long[marks.length];
            for (int k = 0; k < markCount / 2; k++) {
                halved[k] = marks[2 * k];
            }
            marks = halved;
            markCount /= 2;
            stride *= 2;
        } else if (markCount == marks.length) {
            long[] grown = new long[Math.min(maxMarks, marks.length * 2)];
            System.arraycopy(marks, 0, grown, 0, markCount);
            marks = grown;
        }
        // Entries below a published markCount are never rewritten, so readers of older States are safe.
        marks[markCount++] = offset;
    }

    /** Bytes appended so far. */
    public long byteCount() {
        return state.bytes;
    }

    /** Lines so far; a trailing partial line counts; 0 when empty. */
    public long lineCount() {
        return state.lineCount();
    }

    /** Length in bytes of the longest line so far (an upper bound on its length in chars). */
    public long maxLineBytes() {
        State s = state;
        return Math.max(s.maxLineBytes, s.bytes - s.tailStart);
    }

    /** Line {@code index}, decoded as UTF-8 (malformed input becomes U+FFFD), without its terminator. */
    public String line(long index) {
        List<String> one = lines(index, 1);
        if (one.isEmpty()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + lineCount());
        }
        return one.get(0);
    }

    /** Up to {@code count} lines from {@code first}, clipped to what exists. */
    public List<String> lines(long first, int count) {
        State s = state;
        long total = s.lineCount();
        if (first < 0 || count <= 0 || first >= total) {
            return List.of();
        }
        int n = (int) Math.min(count, total - first);
        synchronized (cacheLock) {
            if (first >= cachedFirst && first + n <= cachedFirst + cachedLines.size()) {
                int from = (int) (first - cachedFirst);
                return cachedLines.subList(from, from + n);
            }
        }
        ensureOpen();
        List<String> out = new ArrayList<>(n);
        int completeInWindow;
        try {
            LineReader r = seek(s, first, VIEW_BUFFER);
            while (out.size() < n && r.next()) {
                out.add(r.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool file", e);
        }
        // Only complete lines are cached: the trailing line may still grow.
        completeInWindow = (int) Math.max(0, Math.min(out.size(), s.completeLines - first));
        List<String> result = Collections.unmodifiableList(out);
        synchronized (cacheLock) {
            cachedFirst = first;
            cachedLines = result.subList(0, completeInWindow);
        }
        return result;
    }

    /** A reader positioned so that its next line is {@code line}. */
    private LineReader seek(State s, long line, int bufferSize) throws IOException {
        int m = (int) (line / s.stride);
        LineReader r = new LineReader(this::readAt, s.marks[m], s.bytes, bufferSize);
        for (long skip = line - (long) m * s.stride; skip > 0; skip--) {
            if (!r.next()) {
                throw new IllegalStateException("index inconsistent at line " + line);
            }
        }
        return r;
    }

    /** Byte offset where line {@code index} starts (for tests and diagnostics). */
    long offsetOfLine(long index) throws IOException {
        State s = state;
        if (index < 0 || index >= s.lineCount()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + s.lineCount());
        }
        LineReader r = seek(s, index, VIEW_BUFFER);
        r.next();
        return r.lineOffset();
    }

    /** Current index stride (for tests: it doubles as the index fills). */
    int stride() {
        return state.stride;
    }

    /**
     * Writes exactly the bytes appended so far to {@code target}, atomically: a temp file in the same
     * directory is filled, forced to disk and moved over the target.
     */
    public void saveTo(Path target) throws IOException {
        ensureOpen();
        long bytes = state.bytes;
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        long onDisk;
        byte[] tail;
        synchronized (spoolLock) {
            onDisk = Math.min(bytes, pendingStart);
            tail = new byte[(int) (bytes - onDisk)];
            pending.get(0, tail, 0, tail.length);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long pos = 0;
                while (pos < onDisk) {
                    long n = channel.transferTo(pos, onDisk - pos, out);
                    if (n <= 0) {
                        throw new IOException("spool file ended at byte " + pos + " of " + onDisk);
                    }
                    pos += n;
                }
                ByteBuffer rest = ByteBuffer.wrap(tail);
                while (rest.hasRemaining()) {
                    out.write(rest, pos + rest.position());
                }
                out.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Finds the next line containing {@code needle}: forward from {@code fromLine} inclusive, or
     * backward from {@code fromLine} inclusive. Scans the file in bounded buffers; does not wrap.
     *
     * @throws CancellationException when {@code cancelled} becomes true during the scan
     */
    public OptionalLong find(String needle, long fromLine, boolean forward, boolean matchCase,
                             BooleanSupplier cancelled) throws IOException {
        ensureOpen();
        State s = state;
        long total = s.lineCount();
        if (needle.isEmpty() || needle.indexOf('\n') >= 0 || total == 0) {
            return OptionalLong.empty();
        }
        LineMatcher matcher = LineMatcher.of(needle, matchCase);
        if (forward) {
            long from = Math.max(0, fromLine);
            if (from >= total) {
                return OptionalLong.empty();
            }
            LineReader r = seek(s, from, FIND_BUFFER);
            for (long line = from; r.next(); line++) {
                if ((line & 0xFFF) == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("find cancelled");
                }
                if (matcher.matches(r.buffer(), r.start(), r.contentEnd())) {
                    return OptionalLong.of(line);
                }
            }
            return OptionalLong.empty();
        }
        long upTo = Math.min(fromLine, total - 1);
        if (upTo < 0) {
            return OptionalLong.empty();
        }
        // Backward: scan groups of whole index blocks forward, newest group first, keep a group's last
        // match. A group is at most 64 blocks, so memory stays bounded and the first hit ends the scan.
        long group = 64L * s.stride;
        for (long first = upTo / group * group; first >= 0; first -= group) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("find cancelled");
            }
            long last = Math.min(upTo, first + group - 1);
            LineReader r = new LineReader(this::readAt, s.marks[(int) (first / s.stride)], s.bytes, FIND_BUFFER);
            long found = -1;
            for (long line = first; line <= last && r.next(); line++) {
                if ((line & 0xFFF) == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("find cancelled");
                }
                if (matcher.matches(r.buffer(), r.start(), r.contentEnd())) {
                    found = line;
                }
            }
            if (found >= 0) {
                return OptionalLong.of(found);
            }
        }
        return OptionalLong.empty();
    }

    /** Lines that can no longer change: all but a trailing unterminated one. */
    public long completeLineCount() {
        return state.completeLines;
    }

    /**
     * Visits lines {@code [from, to)} (clipped to what exists) as raw bytes, in bounded buffers: the
     * filter and the CSV rows scan the report with it.
     *
     * @param stop checked before each line; the walk ends when it returns true
     * @return the index after the last line visited
     */
    public long visitLines(long from, long to, LineVisitor visitor, BooleanSupplier stop) throws IOException {
        ensureOpen();
        State s = state;
        long end = Math.min(to, s.lineCount());
        if (from < 0 || from >= end) {
            return Math.max(0, from);
        }
        LineReader r = seek(s, from, FIND_BUFFER);
        long line = from;
        while (line < end && !stop.getAsBoolean() && r.next()) {
            visitor.line(line, r.buffer(), r.start(), r.contentEnd(), r.end());
            line++;
        }
        return line;
    }

    /** Receives one line; the buffer is valid only during the call. */
    @FunctionalInterface
    public interface LineVisitor {
        /**
         * @param contentEnd end of the text, without {@code "\n"} or {@code "\r\n"}
         * @param end        end of the line including its terminator (equal to contentEnd after a
         *                   forced break of a very long line, or for an unterminated last line)
         */
        void line(long index, byte[] buf, int start, int contentEnd, int end);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("report document is closed");
        }
    }

    /** False once {@link #close()} has run. */
    public boolean isOpen() {
        return !closed;
    }

    /** Path of the spool file (for tests). */
    Path spoolFile() {
        return file;
    }

    /** Closes and deletes the spool file; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting below is what matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // DELETE_ON_CLOSE normally removed it already
        }
        synchronized (cacheLock) {
            cachedLines = List.of();
            cachedFirst = -1;
        }
    }

    /** What readers may see: everything in it was written before it was published. */
    private static final class State {
        static final State EMPTY = new State(0, 0, 0, 0, new long[] {0}, 1, INITIAL_STRIDE);

        final long bytes;
        final long completeLines;
        final long tailStart;
        final long maxLineBytes;
        final long[] marks;
        final int markCount;
        final int stride;

        State(long bytes, long completeLines, long tailStart, long maxLineBytes, long[] marks, int markCount,
              int stride) {
            this.bytes = bytes;
            this.completeLines = completeLines;
            this.tailStart = tailStart;
            this.maxLineBytes = maxLineBytes;
            this.marks = marks;
            this.markCount = markCount;
            this.stride = stride;
        }

        long lineCount() {
            return completeLines + (bytes > tailStart ? 1 : 0);
        }
    }
}
