package org.reportviewer.document;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The rows of a CSV report, over the same spool file and line index as the text view: a sparse index
 * of where every {@code stride}-th record starts (a document line number; stride 64, doubling when the
 * index reaches {@value #MAX_MARKS} entries, as the document's own index does), kept up to date in the
 * background while the report streams. Rows are read on demand by walking from the nearest mark with
 * {@link RecordWalker} and parsed by FastCSV; no list of all rows is ever built.
 *
 * <p>Only complete records count: a row whose quoted field straddles two chunks appears once the
 * chunk that closes it has arrived, never half. Record 0 is the header; data row {@code r} is record
 * {@code r + 1}; blank lines are skipped.
 *
 * <p>Threading: {@link #sourceChanged} may be called from any thread; indexing runs on the given
 * executor, one run at a time, and publishes an immutable {@link State}; readers on any thread see
 * only published records.
 */
public final class CsvRecordIndex implements UnitSource {

    static final int INITIAL_STRIDE = 64;
    static final int MAX_MARKS = 1 << 20;

    private final ReportDocument doc;
    private final char delimiter;
    private final CsvReader.CsvReaderBuilder parser;
    private final SerialWork work;
    private final Runnable changed;
    private volatile boolean ended;
    private volatile State state = State.EMPTY;
    private volatile String error;

    // Indexer-only state (its runs never overlap).
    private long records;
    private long nextLine;
    private final SparseMarks marks; // the first line of every stride-th record
    private final RecordWalker walker;

    // The last window of rows read, so repainting an unchanged table reads nothing.
    private final Object cacheLock = new Object();
    private long cachedFirst = -1;
    private List<CsvRow> cachedRows = List.of();

    /**
     * @param changed called on the indexing thread when more rows are known; the owner coalesces it
     */
    public CsvRecordIndex(ReportDocument doc, char delimiter, Executor executor, Runnable changed) {
        this(doc, delimiter, executor, changed, MAX_MARKS);
    }

    CsvRecordIndex(ReportDocument doc, char delimiter, Executor executor, Runnable changed, int maxMarks) {
        this.doc = doc;
        this.delimiter = delimiter;
        this.parser = CsvReader.builder().fieldSeparator(delimiter).allowExtraFields(true)
                .allowMissingFields(true).allowExtraCharsAfterClosingQuote(true).skipEmptyLines(false)
                .detectBomHeader(false);
        this.walker = new RecordWalker(delimiter, false);
        this.work = new SerialWork(executor, this::catchUp);
        this.changed = changed;
        this.marks = new SparseMarks(maxMarks, INITIAL_STRIDE);
    }

    public char delimiter() {
        return delimiter;
    }

    /** The report grew or ended; any thread, as often as wanted. */
    public void sourceChanged(boolean streamEnded) {
        ended = streamEnded;
        work.request();
    }

    private void catchUp() {
        boolean end = ended;
        try {
            long upTo = end ? doc.lineCount() : doc.completeLineCount();
            // Re-walk the unfinished record from its first line each time: it is at most
            // MAX_RECORD_BYTES, and so no half-walked state has to survive between runs.
            long from = nextLine;
            doc.visitLines(from, upTo, (line, buf, start, contentEnd, lineEnd) -> {
                if (walker.line(buf, start, contentEnd, lineEnd)) {
                    recordEnded(line + 1, walker.blank());
                }
            }, () -> false);
            boolean tail = end && walker.inRecord();
            walker.finish();
            if (tail) {
                // The report is over: its unterminated last record counts, but stays unindexed so a
                // resumed stream can still extend it.
            }
            state = new State(records, tail, marks.array(), marks.count(), marks.stride(), nextLine, end);
            error = null;
        } catch (IOException | RuntimeException e) {
            walker.finish();
            error = "table stopped: " + e.getMessage();
        }
        changed.run();
    }

    private void recordEnded(long next, boolean blank) {
        nextLine = next;
        if (blank) {
            return;
        }
        records++;
        if (records % marks.stride() == 0) {
            marks.add(next);
        }
    }

    /** Data rows known so far (records after the header; the unterminated last one once the stream ended). */
    public long rowCount() {
        return Math.max(0, state.recordCount() - 1);
    }

    /** Why indexing stopped, or {@code null}. */
    public String error() {
        return error;
    }

    /** The header's fields; empty until the header record is complete. */
    public List<String> header() {
        if (state.recordCount() == 0) {
            return List.of();
        }
        List<List<String>> one = new ArrayList<>(1);
        try {
            walk(state, 0, 1, (record, firstLine, lastLine, buf, len) -> one.add(parse(buf, len)), () -> false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool file", e);
        }
        return one.isEmpty() ? List.of() : one.get(0);
    }

    /** Up to {@code count} data rows from {@code first}, clipped to what is known. */
    public List<CsvRow> rows(long first, int count) {
        State s = state;
        long total = Math.max(0, s.recordCount() - 1);
        if (first < 0 || count <= 0 || first >= total) {
            return List.of();
        }
        int n = (int) Math.min(count, total - first);
        synchronized (cacheLock) {
            if (first >= cachedFirst && first + n <= cachedFirst + cachedRows.size()) {
                int from = (int) (first - cachedFirst);
                return cachedRows.subList(from, from + n);
            }
        }
        List<CsvRow> out = new ArrayList<>(n);
        try {
            walk(s, first + 1, n, (record, firstLine, lastLine, buf, len) ->
                    out.add(new CsvRow(record - 1, firstLine, parse(buf, len))), () -> false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool file", e);
        }
        List<CsvRow> result = Collections.unmodifiableList(out);
        synchronized (cacheLock) {
            // The tail record of an ended stream may still grow after a resume: cache only indexed rows.
            int indexed = (int) Math.max(0, Math.min(result.size(), s.records - 1 - first));
            cachedFirst = first;
            cachedRows = result.subList(0, indexed);
        }
        return result;
    }

    /**
     * The data row whose record holds document line {@code line} (a record with a quoted line break
     * spans several lines): lines of the header record give row 0, a blank line the next row, a line
     * after the last row (blank lines at the end) the last row. -1 while that line is not indexed yet,
     * or when there are no rows.
     */
    public long rowAtLine(long line) {
        State s = state;
        long rows = Math.max(0, s.recordCount() - 1);
        if (rows == 0 || line < 0) {
            return -1;
        }
        if (line >= s.lines) {
            return s.ended ? rows - 1 : -1;
        }
        // The last mark at or before the line, then walk records from there until one starts after it.
        int lo = 0;
        int hi = s.markCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s.marks[mid] <= line) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long[] found = {-1};
        try {
            walk(s, (long) lo * s.stride, s.records - (long) lo * s.stride, (record, firstLine, lastLine, buf, len) -> {
                // The first record that ends at or after the line holds it, or follows the blank lines it is on.
                if (found[0] < 0 && lastLine >= line) {
                    found[0] = record;
                }
            }, () -> found[0] >= 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report spool file", e);
        }
        if (found[0] < 0) {
            // Blank lines after the last record: they belong to the next row, if the stream brings one.
            return s.ended ? rows - 1 : -1;
        }
        return Math.max(0, Math.min(rows - 1, found[0] - 1));
    }

    private List<String> parse(byte[] buf, int len) {
        return parser.ofSingleCsvRecord(new String(buf, 0, len, StandardCharsets.UTF_8)).getFields();
    }

    @Override
    public long stableCount(boolean streamEnded) {
        // The index decides what is stable (it includes the tail only once it saw the stream end).
        return rowCount();
    }

    @Override
    public long scan(long from, long to, Visitor visitor, BooleanSupplier stop) throws IOException {
        State s = state;
        long end = Math.min(to, Math.max(0, s.recordCount() - 1));
        if (from >= end) {
            return Math.max(from, 0);
        }
        long[] next = {from};
        walk(s, from + 1, end - from, (record, firstLine, lastLine, buf, len) -> {
            visitor.unit(record - 1, buf, 0, len);
            next[0] = record;
        }, stop);
        return next[0];
    }

    @Override
    public String field(byte[] buf, int from, int to, int column) {
        List<String> fields = parser.ofSingleCsvRecord(new String(buf, from, to - from, StandardCharsets.UTF_8))
                .getFields();
        return column < fields.size() ? fields.get(column) : null;
    }

    private interface RecordSink {
        void record(long record, long firstLine, long lastLine, byte[] buf, int len);
    }

    /** Walks records {@code [first, first + count)} of {@code s} from the nearest mark, collecting bytes. */
    private void walk(State s, long first, long count, RecordSink sink, BooleanSupplier stop) throws IOException {
        int m = (int) Math.min(first / s.stride, s.markCount - 1);
        long[] record = {(long) m * s.stride};
        long last = first + count;
        long[] recordStart = {s.marks[m]};
        RecordWalker w = new RecordWalker(delimiter, true);
        long upTo = s.tail ? doc.lineCount() : doc.completeLineCount();
        doc.visitLines(s.marks[m], upTo, (line, buf, start, contentEnd, end) -> {
            if (record[0] >= last || stop.getAsBoolean()) {
                return;
            }
            if (w.line(buf, start, contentEnd, end)) {
                if (!w.blank()) {
                    if (record[0] >= first) {
                        sink.record(record[0], recordStart[0], line, w.bytes(), w.length());
                    }
                    record[0]++;
                }
                recordStart[0] = line + 1;
            }
        }, () -> record[0] >= last || stop.getAsBoolean());
        if (s.tail && w.inRecord() && record[0] >= first && record[0] < last && !stop.getAsBoolean()) {
            sink.record(record[0], recordStart[0], upTo - 1, w.bytes(), w.length());
        }
    }

    /** What readers may see: everything in it was indexed before it was published. */
    private static final class State {
        static final State EMPTY = new State(0, false, new long[] {0}, 1, INITIAL_STRIDE, 0, false);

        final long records;
        final boolean tail;
        final long[] marks;
        final int markCount;
        final int stride;
        /** The line after the last indexed record. */
        final long lines;
        /** Whether the stream had ended when this was published (every line is then accounted for). */
        final boolean ended;

        State(long records, boolean tail, long[] marks, int markCount, int stride, long lines, boolean ended) {
            this.records = records;
            this.tail = tail;
            this.marks = marks;
            this.markCount = markCount;
            this.stride = stride;
            this.lines = lines;
            this.ended = ended;
        }

        long recordCount() {
            return records + (tail ? 1 : 0);
        }
    }
}
