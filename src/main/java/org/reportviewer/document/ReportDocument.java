package org.reportviewer.document;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A growing report kept in a spool file, with a sparse line index in memory, so that a report of any
 * size can be shown, searched and saved while the heap holds only a few MB.
 *
 * <p>The index ({@link LineIndexer}) stores the byte offset of every {@code stride}-th line start; a
 * reader finds line {@code n} by jumping to the mark before it and re-scanning at most {@code stride}
 * lines with {@link LineRule}, the same rule the writer indexed with. Each appended chunk is recorded
 * too ({@link Chunks}: number, first line, size, arrival time), bounded the same way.
 *
 * <p>Threading: exactly one writer thread calls {@link #append}; any thread may read. The writer copies
 * the bytes into the spool's 64 KiB pending buffer, indexes them, and only then publishes an immutable
 * {@link DocumentSnapshot} through a volatile field, so a reader never looks at bytes or marks that are
 * not yet written. Views render from {@link #snapshot()} (a {@link LineSource}). No JavaFX types here.
 */
public final class ReportDocument implements AutoCloseable {

    static final int INITIAL_STRIDE = LineIndexer.INITIAL_STRIDE;
    static final int MAX_MARKS = 1 << 20;

    private final Spool spool;
    private final LineIndexer indexer;
    private final ChunkTable chunkTable;
    private final LineCache cache = new LineCache();
    private volatile DocumentSnapshot snapshot;
    private volatile boolean closed;

    private ReportDocument(Spool spool, int maxMarks, int maxChunks, LongSupplier nanoClock) {
        this.spool = spool;
        this.indexer = new LineIndexer(maxMarks);
        this.chunkTable = new ChunkTable(maxChunks, nanoClock);
        this.snapshot = new DocumentSnapshot(this, LineIndexer.IndexState.EMPTY, Chunks.NONE);
    }

    /** A new empty document spooled to a temp file in {@code java.io.tmpdir}; the file goes on close. */
    public static ReportDocument createTemp() throws IOException {
        return createTemp(MAX_MARKS, ChunkTable.MAX_KEPT, System::nanoTime);
    }

    /** As {@link #createTemp()}, with a smaller index limit so tests can see the stride double. */
    static ReportDocument createTemp(int maxMarks) throws IOException {
        return createTemp(maxMarks, ChunkTable.MAX_KEPT, System::nanoTime);
    }

    /** As {@link #createTemp()}, with given limits and clock (tests). */
    static ReportDocument createTemp(int maxMarks, int maxChunks, LongSupplier nanoClock) throws IOException {
        if (maxMarks < 2 || maxMarks % 2 != 0) {
            throw new IllegalArgumentException("maxMarks must be even and >= 2: " + maxMarks);
        }
        return new ReportDocument(Spool.createTemp(), maxMarks, maxChunks, nanoClock);
    }

    /** Appends the next chunk (numbered one after the previous, from 0); only the single writer thread. */
    public void append(ByteString data) throws IOException {
        append(chunkTable.nextNumber(), data);
    }

    /**
     * Appends chunk {@code chunkNumber}; only the single writer thread. Chunk numbers must be contiguous
     * after the first one appended (the client checks this on the wire already).
     */
    public void append(long chunkNumber, ByteString data) throws IOException {
        if (closed) {
            throw new IOException("report document is closed");
        }
        int size = data.size();
        long firstLine = size == 0 ? indexer.lineOfNextByte((byte) '\n') : indexer.lineOfNextByte(data.byteAt(0));
        ByteBuffer pending = spool.buffer();
        for (int off = 0; off < size; ) {
            if (!pending.hasRemaining()) {
                spool.flush(indexer.written());
            }
            int at = pending.position();
            int n = Math.min(pending.remaining(), size - off);
            (n == size ? data : data.substring(off, off + n)).copyTo(pending);
            indexer.index(pending, at, n);
            off += n;
        }
        chunkTable.add(chunkNumber, firstLine, size);
        snapshot = new DocumentSnapshot(this, size > 0 ? indexer.publish() : snapshot.state(), chunkTable.view());
    }

    /** The document as it is now: an immutable {@link LineSource} for views, search and save. */
    public DocumentSnapshot snapshot() {
        return snapshot;
    }

    /** Bytes appended so far. */
    public long byteCount() {
        return snapshot.byteCount();
    }

    /** Lines so far; a trailing partial line counts; 0 when empty. */
    public long lineCount() {
        return snapshot.lineCount();
    }

    /** Length in bytes of the longest line so far (an upper bound on its length in chars). */
    public long maxLineBytes() {
        return snapshot.maxLineLength();
    }

    /** The chunks appended so far. */
    public Chunks chunks() {
        return snapshot.chunks();
    }

    /** Line {@code index}, decoded as UTF-8 (malformed input becomes U+FFFD), without its terminator. */
    public String line(long index) {
        return snapshot.line(index);
    }

    /** Up to {@code count} lines from {@code first}, clipped to what exists. */
    public List<String> lines(long first, int count) {
        return snapshot.lines(first, count);
    }

    /** Byte offset where line {@code index} starts (for tests and diagnostics). */
    long offsetOfLine(long index) throws IOException {
        return snapshot.offsetOfLine(index);
    }

    /** Current index stride (for tests: it doubles as the index fills). */
    int stride() {
        return snapshot.stride();
    }

    /**
     * Writes exactly the bytes appended so far to {@code target}, atomically: a temp file in the same
     * directory is filled, forced to disk and moved over the target.
     */
    public void saveTo(Path target) throws IOException {
        snapshot.saveTo(target);
    }

    /**
     * Finds the next line containing {@code needle}: forward from {@code fromLine} inclusive, or
     * backward from {@code fromLine} inclusive. Scans the file in bounded buffers; does not wrap.
     *
     * @throws CancellationException when {@code cancelled} becomes true during the scan
     */
    public OptionalLong find(String needle, long fromLine, boolean forward, boolean matchCase,
                             BooleanSupplier cancelled) throws IOException {
        return snapshot.find(needle, fromLine, forward, matchCase, cancelled);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("report document is closed");
        }
    }

    Spool spool() {
        return spool;
    }

    LineCache cache() {
        return cache;
    }

    /** False once {@link #close()} has run. */
    public boolean isOpen() {
        return !closed;
    }

    /** Path of the spool file (for tests). */
    Path spoolFile() {
        return spool.file();
    }

    /** Closes and deletes the spool file; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        spool.close();
        cache.clear();
    }
}
