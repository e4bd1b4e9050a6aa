package org.reportviewer.ui.reader;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.reportviewer.document.CsvRecordIndex;
import org.reportviewer.document.CsvRow;
import org.reportviewer.document.MatchList;

/**
 * A CSV/TSV report as a table: a row-number column, the header's columns (fixed header, widths from a
 * sample of rows, horizontal scroll), rows read on demand through a {@link RowList}. Copy (Ctrl+C)
 * puts the selected rows on the clipboard as CSV, header first. Layout and reading only: what to show
 * comes from {@link ReaderViewModel}.
 */
public final class CsvTableView extends TableView<CsvRow> {

    /** Most rows one copy takes (about what a spreadsheet paste can hold); more are cut with a note. */
    static final int COPY_LIMIT_ROWS = 100_000;
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final Label placeholder = new Label("Looking for rows…");
    private List<String> header = List.of();
    private int[] widths = new int[0];
    private String copyStatus = "";
    /** The report row to bring back into view once the rows shown have it (-1: none). */
    private long pendingRow = -1;

    public CsvTableView() {
        setId("csv-table");
        getStyleClass().add("csv-table");
        setAccessibleText("Report table");
        setPlaceholder(placeholder);
        setFixedCellSize(24);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // A filter, not a handler: the table's own key bindings see the event first otherwise.
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelectedRows();
                e.consume();
            }
        });
    }

    /**
     * Shows {@code index}'s rows (all, or {@code matches} when filtered); called on every revision.
     * Keeps the first visible row in view when the set of rows changes (a filter set or cleared).
     */
    void show(CsvRecordIndex index, MatchList matches, int[] columnWidths, boolean caughtUp) {
        if (index == null) {
            placeholder.setText("Looking for rows…");
            setItems(null);
            return;
        }
        placeholder.setText(matches != null ? "No row matches the filter." : "No rows yet.");
        List<String> h = index.header();
        if (!h.equals(header) || !java.util.Arrays.equals(columnWidths, widths)) {
            rebuildColumns(h, columnWidths);
        }
        ObservableList<CsvRow> items = getItems();
        if (items instanceof RowList rows && rows.shows(index, matches)) {
            rows.grow();
            land(rows, caughtUp);
            return;
        }
        long anchorRow = firstVisibleRow();
        RowList fresh = new RowList(index, matches);
        setItems(fresh);
        // A place not reached yet (a switch from the text view) stays the place to bring back.
        pendingRow = pendingRow >= 0 ? pendingRow : anchorRow;
        land(fresh, caughtUp);
    }

    /** Brings report row {@code row} (or the next shown after it) into view at the top, and selects it. */
    void reveal(long row, boolean caughtUp) {
        pendingRow = row;
        if (getItems() instanceof RowList rows) {
            land(rows, caughtUp);
        }
    }

    /** Scrolls to (and selects) the remembered row once the rows shown reach it. */
    private void land(RowList rows, boolean caughtUp) {
        if (pendingRow < 0 || rows.isEmpty()) {
            return;
        }
        int at = rows.indexOfRowAtOrAfter(pendingRow);
        if (rows.rowNumber(at) >= pendingRow || caughtUp) {
            scrollTo(at);
            getSelectionModel().clearAndSelect(at);
            pendingRow = -1;
        }
    }

    /** The report row number at the top of the table, or -1. */
    long firstVisibleRow() {
        if (!(getItems() instanceof RowList rows) || rows.isEmpty()) {
            return -1;
        }
        int focused = getFocusModel().getFocusedIndex();
        VirtualFlow<?> flow = (VirtualFlow<?>) lookup(".virtual-flow");
        IndexedCell<?> first = flow == null ? null : flow.getFirstVisibleCell();
        IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
        int top = first == null ? 0 : first.getIndex();
        // The focused row is "the line you were on" when it is on screen; else the top row.
        int at = focused >= 0 && last != null && focused >= top && focused <= last.getIndex() ? focused : top;
        return at < rows.size() ? rows.rowNumber(at) : -1;
    }

    private void rebuildColumns(List<String> h, int[] w) {
        header = h;
        widths = w.clone();
        double charWidth = charWidth();
        List<TableColumn<CsvRow, ?>> columns = new ArrayList<>();
        TableColumn<CsvRow, String> number = new TableColumn<>("#");
        number.setId("row-number");
        number.getStyleClass().add("row-number");
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(Long.toString(c.getValue().row() + 1)));
        number.setPrefWidth(charWidth * 9 + 12);
        columns.add(number);
        int count = Math.max(h.size(), w.length);
        for (int i = 0; i < count; i++) {
            int c = i;
            TableColumn<CsvRow, String> col = new TableColumn<>(i < h.size() ? h.get(i) : "column " + (i + 1));
            col.setCellValueFactory(cd -> new ReadOnlyStringWrapper(oneLine(cd.getValue().field(c))));
            int chars = Math.max(i < w.length ? w[i] : 8, col.getText().length());
            col.setPrefWidth(Math.min(60, chars) * charWidth + 20);
            columns.add(col);
        }
        for (TableColumn<CsvRow, ?> col : columns) {
            col.setSortable(false);
            col.setReorderable(false);
        }
        getColumns().setAll(columns);
    }

    /** A field with line breaks shows them as ⏎, so every row stays one line high. */
    static String oneLine(String field) {
        return field.indexOf('\n') < 0 && field.indexOf('\r') < 0 ? field
                : field.replace("\r\n", "⏎").replace('\n', '⏎').replace('\r', '⏎');
    }

    private static double charWidth() {
        Text probe = new Text("0123456789");
        probe.setFont(Font.getDefault());
        return probe.getLayoutBounds().getWidth() / 10;
    }

    /** The selected rows (at most {@value #COPY_LIMIT_ROWS}) as CSV with the header first. */
    String selectedRowsAsCsv() {
        List<Integer> selected = new ArrayList<>(getSelectionModel().getSelectedIndices());
        selected.removeIf(Objects::isNull);
        selected.sort(null);
        boolean cut = selected.size() > COPY_LIMIT_ROWS;
        if (cut) {
            selected = selected.subList(0, COPY_LIMIT_ROWS);
        }
        StringWriter out = new StringWriter();
        // Closed before reading: the writer buffers.
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            if (!header.isEmpty()) {
                csv.writeRecord(header);
            }
            for (int i : selected) {
                csv.writeRecord(getItems().get(i).fields());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        copyStatus = selected.isEmpty() ? "nothing selected"
                : "copied " + selected.size() + (selected.size() == 1 ? " row" : " rows")
                + (cut ? " (the first " + COPY_LIMIT_ROWS + " of " + getSelectionModel().getSelectedIndices().size()
                + ")" : "");
        return out.toString();
    }

    /** Copies the selected rows as CSV to the system clipboard. */
    public void copySelectedRows() {
        String csv = selectedRowsAsCsv();
        if (getSelectionModel().getSelectedIndices().isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(csv);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** What the last copy did, e.g. "copied 3 rows". */
    public String copyStatus() {
        return copyStatus;
    }
}
