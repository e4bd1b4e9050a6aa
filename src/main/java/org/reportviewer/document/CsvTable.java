package org.reportviewer.document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A report read as a table: guesses the delimiter (comma, tab, semicolon or bar) from the first lines,
 * then indexes rows with a {@link CsvRecordIndex}; gives the columns (the header row) and column widths
 * from a sample of rows. No JavaFX here.
 */
public final class CsvTable {

    /** Lines the delimiter is guessed from, once that many are there (or the report ended). */
    static final int SAMPLE_LINES = 32;
    /** Rows column widths are measured on. */
    static final int SAMPLE_ROWS = 200;
    /** Widest column, in characters, that the sample can ask for. */
    static final int MAX_WIDTH = 60;
    private static final char[] CANDIDATES = {',', '\t', ';', '|'};

    private final ReportDocument doc;
    private final Executor executor;
    private final Runnable changed;
    private volatile CsvRecordIndex index;
    private int[] widths = new int[0];
    private long widthsFromRows = -1;

    public CsvTable(ReportDocument doc, Executor executor, Runnable changed) {
        this.doc = doc;
        this.executor = executor;
        this.changed = changed;
    }

    /** The report grew or ended; any thread. Starts indexing once the delimiter can be guessed. */
    public void sourceChanged(boolean ended) {
        CsvRecordIndex i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) {
                    long sample = doc.completeLineCount();
                    if (sample < SAMPLE_LINES && !ended) {
                        return;
                    }
                    List<String> lines = doc.lines(0, (int) Math.min(SAMPLE_LINES, doc.lineCount()));
                    index = new CsvRecordIndex(doc, guessDelimiter(lines), executor, changed);
                }
                i = index;
            }
        }
        i.sourceChanged(ended);
    }

    /** The row index, or {@code null} while the delimiter is not known yet. */
    public CsvRecordIndex index() {
        return index;
    }

    public long rowCount() {
        CsvRecordIndex i = index;
        return i == null ? 0 : i.rowCount();
    }

    /**
     * Column widths in characters (at least the header's, at most {@value #MAX_WIDTH}), measured on
     * the first {@value #SAMPLE_ROWS} rows; re-measured as rows arrive until that many were seen.
     */
    public synchronized int[] widths() {
        CsvRecordIndex i = index;
        if (i == null) {
            return new int[0];
        }
        long rows = i.rowCount();
        if (widthsFromRows < SAMPLE_ROWS && rows != widthsFromRows) {
            widths = measure(i.header(), i.rows(0, SAMPLE_ROWS));
            widthsFromRows = Math.min(rows, SAMPLE_ROWS);
        }
        return widths.clone();
    }

    static int[] measure(List<String> header, List<CsvRow> sample) {
        int columns = header.size();
        for (CsvRow r : sample) {
            columns = Math.max(columns, r.fields().size());
        }
        int[] w = new int[columns];
        for (int c = 0; c < columns; c++) {
            w[c] = c < header.size() ? width(header.get(c)) : 1;
        }
        for (CsvRow r : sample) {
            for (int c = 0; c < r.fields().size(); c++) {
                w[c] = Math.max(w[c], width(r.fields().get(c)));
            }
        }
        for (int c = 0; c < columns; c++) {
            w[c] = Math.max(1, Math.min(MAX_WIDTH, w[c]));
        }
        return w;
    }

    /** A field's width is its longest line (a quoted field may hold several). */
    private static int width(String field) {
        int widest = 0;
        int start = 0;
        for (int i = 0; i <= field.length(); i++) {
            if (i == field.length() || field.charAt(i) == '\n') {
                widest = Math.max(widest, i - start);
                start = i + 1;
            }
        }
        return widest;
    }

    /**
     * The candidate that splits the most sample lines into the same number of fields (more than one);
     * a comma when nothing does. Quoted parts are skipped, so a comma inside quotes of a TSV does not
     * count.
     */
    static char guessDelimiter(List<String> lines) {
        char best = ',';
        int bestScore = 0;
        int bestCount = 0;
        for (char d : CANDIDATES) {
            List<Integer> counts = new ArrayList<>(lines.size());
            for (String line : lines) {
                counts.add(countOutsideQuotes(line, d));
            }
            for (int c : counts) {
                if (c == 0) {
                    continue;
                }
                int score = 0;
                for (int other : counts) {
                    score += other == c ? 1 : 0;
                }
                if (score > bestScore || score == bestScore && c > bestCount) {
                    best = d;
                    bestScore = score;
                    bestCount = c;
                }
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char d) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == d && !quoted) {
                n++;
            }
        }
        return n;
    }
}
