package org.reportviewer.ui.reader;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.reportviewer.document.CsvRecordIndex;
import org.reportviewer.document.CsvRow;
import org.reportviewer.document.CsvTable;
import org.reportviewer.document.DocumentLines;
import org.reportviewer.document.FilterModel;
import org.reportviewer.document.FilterQuery;
import org.reportviewer.document.FilteredLines;
import org.reportviewer.document.LineSource;
import org.reportviewer.document.MatchList;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.ui.UiExecutor;

/**
 * One tab's reading state: text or table, and the filter (text or regex, case, column) with its count.
 * Owns the tab's {@link CsvTable} and two {@link FilterModel}s (lines for the text view, rows for the
 * table), which work on a background executor; their progress reaches the UI thread coalesced — at most
 * one pending task however fast they report — and bumps {@link #revisionProperty()}. No controls here,
 * so it is tested without a toolkit.
 */
public final class ReaderViewModel implements AutoCloseable {

    private final UiExecutor ui;
    private final Executor background;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final ObjectProperty<ReaderMode> mode = new SimpleObjectProperty<>(ReaderMode.TEXT);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty();
    private final BooleanProperty matchCase = new SimpleBooleanProperty();
    /** The table column to filter on, or {@link FilterQuery#ANY_COLUMN}. */
    private final IntegerProperty column = new SimpleIntegerProperty(FilterQuery.ANY_COLUMN);
    private final StringProperty filterStatus = new SimpleStringProperty("");
    private final LongProperty revision = new SimpleLongProperty();

    private ReportDocument document;
    private boolean ended;
    private CsvTable table;
    private FilterModel lineFilter;
    private FilterModel rowFilter;
    private String filterError;
    private ToLongFunction<ReaderMode> placeReader = m -> -1;
    /** The document line to bring into view after a switch of view, -1 for none. */
    private long placeLine = -1;

    public ReaderViewModel(UiExecutor ui, Executor background) {
        this.ui = ui;
        this.background = background;
        filterText.addListener((o, a, b) -> applyFilter());
        regex.addListener((o, a, b) -> applyFilter());
        matchCase.addListener((o, a, b) -> applyFilter());
        column.addListener((o, a, b) -> applyFilter());
        mode.addListener((o, was, now) -> {
            keepPlace(was);
            applyFilter();
        });
    }

    /**
     * Tells the model how to read where the reader is in each view, which only the view knows: a
     * document line in {@link ReaderMode#TEXT} (the top line), a report row in {@link ReaderMode#TABLE}
     * (the focused or top row); -1 for nowhere. Read when the mode changes, before the switch.
     */
    public void setPlaceReader(ToLongFunction<ReaderMode> reader) {
        placeReader = reader;
    }

    /** Remembers the place shown in {@code from} as a document line, for the view switched to. */
    private void keepPlace(ReaderMode from) {
        long at = document == null ? -1 : placeReader.applyAsLong(from);
        placeLine = from == ReaderMode.TABLE ? lineOfRow(at) : at;
    }

    /** The first document line of report row {@code row}, or -1 when it is not known. */
    private long lineOfRow(long row) {
        CsvRecordIndex index = rows();
        if (row < 0 || index == null) {
            return -1;
        }
        List<CsvRow> one = index.rows(row, 1);
        return one.isEmpty() ? -1 : one.get(0).firstLine();
    }

    /**
     * Where the view just switched to should bring the reader: in text view the document line the
     * other view showed; in table view the row whose record holds that line (a record with quoted line
     * breaks spans several lines; the header's lines give the first row). -1 when there is nothing to
     * bring into view, or while the table has not indexed that far yet (ask again on the next
     * revision). A place is given once.
     */
    public long takePlace() {
        if (placeLine < 0) {
            return -1;
        }
        long at = placeLine;
        if (mode.get() == ReaderMode.TABLE) {
            CsvRecordIndex index = rows();
            at = index == null ? -1 : index.rowAtLine(placeLine);
            if (at < 0) {
                return -1;
            }
        }
        placeLine = -1;
        return at;
    }

    /** A new report in the tab (or none): the table and filters start over on it. UI thread. */
    public void setDocument(ReportDocument doc) {
        if (doc == document) {
            return;
        }
        closeModels();
        document = doc;
        ended = false;
        placeLine = -1;
        if (doc != null) {
            table = new CsvTable(doc, background, this::changed);
            lineFilter = new FilterModel(new DocumentLines(doc), background, this::changed);
        }
        applyFilter();
        publish();
    }

    /** The report grew, or its stream ended ({@code streamEnded}); UI thread, once per drain. */
    public void documentChanged(boolean streamEnded) {
        ended = streamEnded;
        if (document == null) {
            return;
        }
        // The table is indexed only while someone may look at it, so a plain-text report costs nothing.
        if (mode.get() == ReaderMode.TABLE || table.index() != null) {
            table.sourceChanged(streamEnded);
            ensureRowFilter();
        }
        lineFilter.sourceChanged(streamEnded);
        if (rowFilter != null) {
            rowFilter.sourceChanged(streamEnded);
        }
    }

    private void ensureRowFilter() {
        CsvRecordIndex index = table.index();
        if (rowFilter == null && index != null) {
            rowFilter = new FilterModel(index, background, this::changed);
            applyFilter();
        }
    }

    /** Sets the query on the filter of the current mode and clears the other one. */
    private void applyFilter() {
        if (document == null) {
            publish();
            return;
        }
        boolean tableMode = mode.get() == ReaderMode.TABLE;
        if (tableMode) {
            table.sourceChanged(ended);
            ensureRowFilter();
        }
        FilterQuery query = new FilterQuery(filterText.get(), regex.get(), matchCase.get(),
                tableMode ? column.get() : FilterQuery.ANY_COLUMN);
        filterError = null;
        FilterModel target = tableMode ? rowFilter : lineFilter;
        FilterModel other = tableMode ? lineFilter : rowFilter;
        try {
            if (target != null) {
                target.setQuery(query);
                target.sourceChanged(ended);
            }
            if (other != null) {
                other.setQuery(FilterQuery.NONE);
            }
        } catch (PatternSyntaxException e) {
            filterError = "Bad regular expression: " + e.getDescription();
        }
        publish();
    }

    private void changed() {
        if (drainScheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                drainScheduled.set(false);
                // The row index may have grown after the stream's last chunk: the row filter follows.
                if (rowFilter != null) {
                    rowFilter.sourceChanged(ended);
                }
                publish();
            });
        }
    }

    private void publish() {
        filterStatus.set(statusText());
        revision.set(revision.get() + 1);
    }

    private String statusText() {
        if (filterError != null) {
            return filterError;
        }
        FilterModel f = activeFilter();
        if (f == null || !f.isActive()) {
            return "";
        }
        FilterModel.Progress p = f.progress();
        if (p.error() != null) {
            return p.error();
        }
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        n.setGroupingUsed(true);
        String unit = mode.get() == ReaderMode.TABLE ? "rows" : "lines";
        String text = n.format(p.matches()) + " of " + n.format(p.total()) + " " + unit + " match";
        if (!p.caughtUp() && p.total() > 0) {
            text += " · filtering " + (int) (100.0 * p.scanned() / p.total()) + " %";
        }
        return text;
    }

    /** The filter of the current mode, or {@code null}. */
    private FilterModel activeFilter() {
        return mode.get() == ReaderMode.TABLE ? rowFilter : lineFilter;
    }

    /** Whether the filter of the current mode has scanned everything there is (true without one). */
    public boolean filterCaughtUp() {
        FilterModel f = activeFilter();
        return f == null || !f.isActive() || f.progress().caughtUp();
    }

    /** What the text view shows: the matching lines while a filter is on, else {@code null} (all lines). */
    public LineSource filteredLines() {
        return lineFilter == null || !lineFilter.isActive() ? null : FilteredLines.of(lineFilter, document);
    }

    /** The table's rows, or {@code null} until the delimiter is known. */
    public CsvRecordIndex rows() {
        return table == null ? null : table.index();
    }

    /** The matching row numbers while a table filter is on, else {@code null} (all rows). */
    public MatchList rowMatches() {
        return rowFilter == null ? null : rowFilter.matches();
    }

    /** Column widths in characters, from a sample of rows. */
    public int[] columnWidths() {
        return table == null ? new int[0] : table.widths();
    }

    public ObjectProperty<ReaderMode> modeProperty() {
        return mode;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public BooleanProperty matchCaseProperty() {
        return matchCase;
    }

    public IntegerProperty columnProperty() {
        return column;
    }

    /** E.g. "1,204 of 16,777,216 lines match · filtering 40 %", or why the filter cannot run. */
    public ReadOnlyStringProperty filterStatusProperty() {
        return filterStatus;
    }

    /** Bumped on the UI thread whenever rows, matches or the status changed: views refresh on it. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision;
    }

    private void closeModels() {
        if (lineFilter != null) {
            lineFilter.close();
        }
        if (rowFilter != null) {
            rowFilter.close();
        }
        lineFilter = null;
        rowFilter = null;
        table = null;
    }

    @Override
    public void close() {
        closeModels();
        document = null;
    }
}
