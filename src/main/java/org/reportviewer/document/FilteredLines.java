package org.reportviewer.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lines of a report that match a filter, as a {@link LineSource} the text pane renders from: view
 * line {@code i} is document line {@code matches.get(i)}. Frozen like every LineSource (the match count
 * and the document snapshot are fixed); {@link #latest()} follows the filter as it finds more.
 */
public final class FilteredLines implements LineSource {

    private final FilterModel filter;
    private final MatchList matches;
    private final long count;
    private final DocumentSnapshot doc;

    private FilteredLines(FilterModel filter, MatchList matches, long count, DocumentSnapshot doc) {
        this.filter = filter;
        this.matches = matches;
        this.count = count;
        this.doc = doc;
    }

    /**
     * The lines {@code filter} has matched so far in {@code doc}; {@code null} when the filter has no
     * active query.
     */
    public static FilteredLines of(FilterModel filter, ReportDocument doc) {
        MatchList m = filter.matches();
        return m == null ? null : new FilteredLines(filter, m, m.size(), doc.snapshot());
    }

    /** Whether both show the matches of the same query (one may be a newer snapshot of the other). */
    public boolean sameMatches(FilteredLines other) {
        return other != null && other.matches == matches;
    }

    /** The match count: it only grows while the same query runs, and a new query is a new source. */
    @Override
    public long version() {
        return count;
    }

    @Override
    public long lineCount() {
        return count;
    }

    @Override
    public List<String> lines(long first, int n) {
        if (first < 0 || n <= 0 || first >= count) {
            return List.of();
        }
        int want = (int) Math.min(n, count - first);
        List<String> out = new ArrayList<>(want);
        // Neighbouring matches are read as one run of document lines: one seek instead of many.
        long i = first;
        while (i < first + want) {
            long start = matches.get(i);
            int run = 1;
            while (i + run < first + want && matches.get(i + run) == start + run) {
                run++;
            }
            out.addAll(doc.lines(start, run));
            i += run;
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public long sourceLine(long line) {
        return matches.get(line);
    }

    @Override
    public long viewLineAtOrAfter(long sourceLine) {
        return Math.min(count, matches.indexAtOrAfter(sourceLine));
    }

    @Override
    public long maxLineLength() {
        return doc.maxLineLength();
    }

    @Override
    public boolean isOpen() {
        return doc.isOpen();
    }

    /** This filter's newer matches; {@code this} when nothing changed or the query was replaced. */
    @Override
    public FilteredLines latest() {
        if (filter.matches() != matches) {
            return this; // the owner switches to the new query's source itself
        }
        long now = matches.size();
        return now == count ? this : new FilteredLines(filter, matches, now, doc.latest());
    }
}
