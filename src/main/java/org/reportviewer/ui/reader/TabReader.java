package org.reportviewer.ui.reader;

import java.util.concurrent.Executor;
import javafx.scene.Node;
import org.reportviewer.document.CsvRecordIndex;
import org.reportviewer.document.FilteredLines;
import org.reportviewer.document.LineSource;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.UiExecutor;
import org.reportviewer.ui.text.ReportTextView;

/**
 * Adds reading to one tab: the {@link ReaderBar} above the report, the {@link CsvTableView} beside the
 * text pane in the tab's body, and the wiring that shows the filtered lines or rows and keeps the
 * reader's place when the filter or the view changes.
 */
public final class TabReader {

    private static final String KEY = TabReader.class.getName();

    private final ReportTabView tab;
    private final ReaderViewModel vm;
    private final ReaderBar bar;
    private final CsvTableView table = new CsvTableView();
    /** The filtered lines on the text pane, or {@code null} while it shows the whole report. */
    private FilteredLines shownFilter;
    /** The document line to bring back into view once the new source has it (-1: none). */
    private long pendingAnchor = -1;

    private TabReader(ReportTabView tab, Executor background) {
        this.tab = tab;
        this.vm = new ReaderViewModel(UiExecutor.fx(), background);
        this.bar = new ReaderBar(vm);
        ReportTabViewModel report = tab.viewModel();
        tab.addBar(bar);
        table.setVisible(false);
        tab.body().getChildren().add(1, table); // above the text pane, below the placeholder
        bar.setOnClose(() -> focusedView().requestFocus());

        vm.setPlaceReader(this::placeIn);
        vm.setDocument(report.documentProperty().get());
        report.documentProperty().addListener((o, a, doc) -> {
            shownFilter = null;
            vm.setDocument(doc);
        });
        report.revisionProperty().addListener((o, a, b) -> vm.documentChanged(ended()));
        report.stateProperty().addListener((o, a, b) -> vm.documentChanged(ended()));
        vm.revisionProperty().addListener((o, a, b) -> refresh());
        vm.modeProperty().addListener((o, a, m) -> {
            ReportTextView text = tab.textView();
            text.setVisible(m == ReaderMode.TEXT);
            table.setVisible(m == ReaderMode.TABLE);
            vm.documentChanged(ended());
            refresh();
            focusedView().requestFocus();
        });
    }

    /** Adds reading to {@code tab}; its filters and row index work on {@code background}. */
    public static void install(ReportTabView tab, Executor background) {
        tab.getProperties().put(KEY, new TabReader(tab, background));
    }

    /** The reader of {@code tab}, or {@code null} when it has none. */
    public static TabReader of(ReportTabView tab) {
        return tab == null ? null : (TabReader) tab.getProperties().get(KEY);
    }

    private boolean ended() {
        ReportTabViewModel report = tab.viewModel();
        return report.documentProperty().get() != null && !report.getState().busy();
    }

    /** Where the reader is in {@code mode}'s view: the text pane's top document line, or the table's row. */
    private long placeIn(ReaderMode mode) {
        if (mode == ReaderMode.TABLE) {
            return table.firstVisibleRow();
        }
        ReportTextView text = tab.textView();
        LineSource s = text.getSource();
        return s == null || s.lineCount() == 0 ? -1 : s.sourceLine(Math.min(text.firstVisibleLine(), s.lineCount() - 1));
    }

    private void refresh() {
        if (vm.modeProperty().get() == ReaderMode.TABLE) {
            CsvRecordIndex rows = vm.rows();
            table.show(rows, vm.rowMatches(), vm.columnWidths(), vm.filterCaughtUp());
            bar.setColumns(rows == null ? java.util.List.of() : rows.header());
            long place = vm.takePlace(); // after a switch from the text view: the row holding its line
            if (place >= 0) {
                table.reveal(place, vm.filterCaughtUp());
            }
        }
        refreshText();
    }

    /** Puts the filtered lines (or the whole report) on the text pane, keeping the reader's place. */
    private void refreshText() {
        ReportTextView text = tab.textView();
        // After a switch from the table: the first line of the row it showed.
        long place = vm.modeProperty().get() == ReaderMode.TEXT ? vm.takePlace() : -1;
        if (place >= 0) {
            pendingAnchor = place;
        }
        LineSource wanted = vm.filteredLines();
        FilteredLines filtered = wanted instanceof FilteredLines f ? f : null;
        if (filtered == null && shownFilter == null) {
            land(text); // the whole report is on the pane; the tab refreshes it as it grows
            return;
        }
        if (filtered != null && shownFilter != null && filtered.sameMatches(shownFilter)) {
            text.refresh();
            land(text);
            return;
        }
        ReportDocument doc = tab.viewModel().documentProperty().get();
        LineSource current = text.getSource();
        boolean following = text.followTailProperty().get();
        long anchor = current == null || current.lineCount() == 0 ? -1 : current.sourceLine(
                Math.min(text.firstVisibleLine(), current.lineCount() - 1));
        LineSource next = filtered != null ? filtered : doc == null ? null : doc.snapshot();
        text.setSource(next);
        shownFilter = filtered;
        pendingAnchor = next == null ? -1 : place >= 0 ? place : following ? -1 : anchor;
        land(text);
    }

    /**
     * Scrolls to the reader's place once the source shows it: at once for the whole report; for a
     * filter still scanning, when it found a line at or after the place (or finished without one).
     */
    private void land(ReportTextView text) {
        LineSource s = text.getSource();
        if (pendingAnchor < 0 || s == null) {
            return;
        }
        long at = s.viewLineAtOrAfter(pendingAnchor);
        if (at < s.lineCount() || vm.filterCaughtUp()) {
            text.scrollToLine(at);
            pendingAnchor = -1;
        }
    }

    public ReaderViewModel viewModel() {
        return vm;
    }

    public ReaderBar bar() {
        return bar;
    }

    public CsvTableView table() {
        return table;
    }

    /** Shows the filter (Ctrl+Shift+F); again while it is open, focuses it. */
    public void showFilter() {
        bar.showFilter();
    }

    public void setMode(ReaderMode mode) {
        vm.modeProperty().set(mode);
    }

    private Node focusedView() {
        return vm.modeProperty().get() == ReaderMode.TABLE ? table : tab.textView();
    }
}
