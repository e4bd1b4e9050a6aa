package org.reportviewer.ui.reader;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableListBase;
import org.reportviewer.document.CsvRecordIndex;
import org.reportviewer.document.CsvRow;
import org.reportviewer.document.MatchList;

/**
 * The table's items: a list that knows only its size and reads rows on demand from the report's row
 * index (all rows, or the rows a filter matched), keeping the last {@value #CACHE} rows it read. So a
 * {@code TableView} virtualises over the spool file: 16 M rows cost no more heap than 60.
 *
 * <p>UI thread only, like every list a control shows.
 */
final class RowList extends ObservableListBase<CsvRow> {

    private static final int CACHE = 512;
    /** Rows read together on a miss: a screenful and a bit, from one seek. */
    private static final int READ = 64;

    private final CsvRecordIndex index;
    private final MatchList matches;
    private int size;
    private final Map<Integer, CsvRow> cache = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, CsvRow> eldest) {
            return size() > CACHE;
        }
    };

    /** @param matches the row numbers to show, or {@code null} for all rows */
    RowList(CsvRecordIndex index, MatchList matches) {
        this.index = index;
        this.matches = matches;
        this.size = available();
    }

    boolean shows(CsvRecordIndex i, MatchList m) {
        return index == i && matches == m;
    }

    private int available() {
        long n;
        try {
            n = matches != null ? matches.size() : index == null ? 0 : index.rowCount();
        } catch (IllegalStateException closed) {
            n = size;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, n);
    }

    /** Rows arrived (or matched): tells the table about the new ones at the end. */
    void grow() {
        int n = available();
        if (n > size) {
            int old = size;
            size = n;
            beginChange();
            nextAdd(old, n);
            endChange();
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The report's row number shown at {@code i}. */
    long rowNumber(int i) {
        return matches == null ? i : matches.get(i);
    }

    /** The list index showing report row {@code row} or the next one after it shown here. */
    int indexOfRowAtOrAfter(long row) {
        long i = matches == null ? row : matches.indexAtOrAfter(row);
        return (int) Math.max(0, Math.min(size - 1, i));
    }

    @Override
    public CsvRow get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        CsvRow hit = cache.get(i);
        if (hit != null) {
            return hit;
        }
        try {
            readAround(i);
        } catch (IllegalStateException | UncheckedIOException e) {
            // The report was closed under the table (tab closing): show an empty row, not a crash.
            return new CsvRow(i, -1, List.of());
        }
        hit = cache.get(i);
        return hit != null ? hit : new CsvRow(i, -1, List.of());
    }

    private void readAround(int i) {
        int from = i - i % READ;
        int to = Math.min(size, from + READ);
        if (matches == null) {
            List<CsvRow> rows = index.rows(from, to - from);
            for (int k = 0; k < rows.size(); k++) {
                cache.put(from + k, rows.get(k));
            }
            return;
        }
        // Filtered: neighbouring matches are read as one run of rows.
        int k = from;
        while (k < to) {
            long first = matches.get(k);
            int run = 1;
            while (k + run < to && matches.get(k + run) == first + run) {
                run++;
            }
            List<CsvRow> rows = index.rows(first, run);
            for (int j = 0; j < rows.size(); j++) {
                cache.put(k + j, rows.get(j));
            }
            k += run;
        }
    }
}
