package org.reportviewer.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.reportviewer.document.LineIndexer.IndexState;

/**
 * The document as it was when the snapshot was taken: its lines, index and chunks never change, even
 * while the writer appends (a snapshot reads only bytes published before it). Any thread.
 */
public final class DocumentSnapshot implements LineSource {

    private static final int VIEW_BUFFER = 64 * 1024;
    private static final int FIND_BUFFER = 1024 * 1024;

    private final ReportDocument doc;
    private final IndexState s;
    private final Chunks chunks;

    DocumentSnapshot(ReportDocument doc, IndexState state, Chunks chunks) {
        this.doc = doc;
        this.s = state;
        this.chunks = chunks;
    }

    /** The byte count: it only grows, and equal counts mean equal content. */
    @Override
    public long version() {
        return s.bytes;
    }

    public long byteCount() {
        return s.bytes;
    }

    @Override
    public long lineCount() {
        return s.lineCount();
    }

    /** Length in bytes of the longest line (an upper bound on its length in chars). */
    @Override
    public long maxLineLength() {
        return s.longestLine();
    }

    @Override
    public Chunks chunks() {
        return chunks;
    }

    @Override
    public boolean isOpen() {
        return doc.isOpen();
    }

    @Override
    public DocumentSnapshot latest() {
        DocumentSnapshot now = doc.snapshot();
        return now.s == s && now.chunks == chunks ? this : now;
    }

    @Override
    public List<String> lines(long first, int count) {
        long total = s.lineCount();
        if (first < 0 || count <= 0 || first >= total) {
            return List.of();
        }
        int n = (int) Math.min(count, total - first);
        LineCache cache = doc.cache();
        if (first + n <= s.completeLines) {
            List<String> hit = cache.get(first, n);
            if (hit != null) {
                return hit;
            }
        }
        doc.ensureOpen();
        List<String> out = new ArrayList<>(n);
        try {
            LineReader r = seek(first, VIEW_BUFFER);
            while (out.size() < n && r.next()) {
                out.add(r.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool file", e);
        }
        // Only complete lines are cached: the trailing line may still grow.
        int completeInWindow = (int) Math.max(0, Math.min(out.size(), s.completeLines - first));
        List<String> result = Collections.unmodifiableList(out);
        cache.put(first, result.subList(0, completeInWindow));
        return result;
    }

    /** A reader positioned so that its next line is {@code line}. */
    private LineReader seek(long line, int bufferSize) throws IOException {
        int m = (int) (line / s.stride);
        LineReader r = new LineReader(doc.spool()::read, s.marks[m], s.bytes, bufferSize);
        for (long skip = line - (long) m * s.stride; skip > 0; skip--) {
            if (!r.next()) {
                throw new IllegalStateException("index inconsistent at line " + line);
            }
        }
        return r;
    }

    /** Byte offset where line {@code index} starts (for tests and diagnostics). */
    long offsetOfLine(long index) throws IOException {
        if (index < 0 || index >= s.lineCount()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + s.lineCount());
        }
        LineReader r = seek(index, VIEW_BUFFER);
        r.next();
        return r.lineOffset();
    }

    IndexState state() {
        return s;
    }

    int stride() {
        return s.stride;
    }

    /** Writes exactly this snapshot's bytes to {@code target}, atomically (see {@link ReportDocument#saveTo}). */
    public void saveTo(java.nio.file.Path target) throws IOException {
        doc.ensureOpen();
        doc.spool().saveTo(target, s.bytes);
    }

    /** Scans the raw bytes in bounded buffers, decoding only for a case-insensitive non-ASCII needle. */
    @Override
    public OptionalLong find(String needle, long fromLine, boolean forward, boolean matchCase,
                             BooleanSupplier cancelled) throws IOException {
        doc.ensureOpen();
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
            LineReader r = seek(from, FIND_BUFFER);
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
            LineReader r = new LineReader(doc.spool()::read, s.marks[(int) (first / s.stride)], s.bytes, FIND_BUFFER);
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
}
