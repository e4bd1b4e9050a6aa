package org.reportviewer.app;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.stage.Stage;
import org.reportviewer.document.CsvRecordIndex;
import org.reportviewer.document.CsvRow;
import org.reportviewer.document.MatchList;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.reader.CsvTableView;
import org.reportviewer.ui.reader.ReaderMode;
import org.reportviewer.ui.reader.ReaderViewModel;
import org.reportviewer.ui.reader.TabReader;

/**
 * The table mode of {@link WindowMemoryProbe}: in the probe's window, turns the tab's Table view on
 * (what Ctrl+2 does) and a column regex filter before the first chunk, scrolls the filtered table to its
 * middle once half the report is there (the rows there are read from the spool through the real table),
 * and once the stream ended waits until the row index and the filter have caught up. Samples the heap
 * in use after a full GC every {@value #SAMPLE_EVERY_MIB} MiB of report, on its own thread.
 *
 * <p>FX thread for everything but the GC samples.
 */
final class TableLoadWatch {

    private static final int SAMPLE_EVERY_MIB = 64;

    private final ReportTabViewModel tab;
    private final ReportTabView tabView;
    private final TabReader reader;
    private final long expectedBytes;
    private final long expectedRows;
    private final ExecutorService gcSampler = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gc-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong maxLiveAfterGc = new AtomicLong();
    private final CompletableFuture<String> caughtUp = new CompletableFuture<>();
    private long sampledMiB;
    private String middle = "none";

    private TableLoadWatch(ReportTabViewModel tab, ReportTabView tabView, long expectedBytes, long expectedRows) {
        this.tab = tab;
        this.tabView = tabView;
        this.reader = TabReader.of(tabView);
        this.expectedBytes = expectedBytes;
        this.expectedRows = expectedRows;
    }

    /**
     * Starts watching the selected tab of the window on {@code stage}; FX thread, right after the
     * report was started.
     *
     * @param regex  the filter, a regular expression matched against one column
     * @param column that column (0-based)
     */
    static TableLoadWatch start(Stage stage, ReportTabViewModel tab, long expectedBytes, long expectedRows,
                                String regex, int column) {
        ReportTabView view = (ReportTabView) stage.getScene().getRoot().lookupAll(".report-tab").stream()
                .filter(n -> n instanceof ReportTabView v && v.viewModel() == tab).findFirst()
                .orElseThrow(() -> new IllegalStateException("no view for the tab"));
        TableLoadWatch w = new TableLoadWatch(tab, view, expectedBytes, expectedRows);
        TabReader reader = w.reader;
        ReaderViewModel vm = reader.viewModel();
        reader.setMode(ReaderMode.TABLE);
        vm.regexProperty().set(true);
        vm.matchCaseProperty().set(true);
        vm.columnProperty().set(column);
        vm.filterTextProperty().set(regex);
        tab.bytesProperty().addListener((o, a, b) -> w.progressed(b.longValue()));
        vm.revisionProperty().addListener((o, a, b) -> w.check());
        tab.stateProperty().addListener((o, a, b) -> w.check());
        return w;
    }

    private void progressed(long bytes) {
        long mib = bytes >> 20;
        if (mib >= sampledMiB + SAMPLE_EVERY_MIB) {
            sampledMiB = mib;
            sampleHeap();
        }
        if (middle.equals("none") && bytes >= expectedBytes / 2) {
            scrollToMiddle();
        }
    }

    /** Scrolls the filtered table to its middle match and notes which report row is shown there. */
    private void scrollToMiddle() {
        CsvTableView table = reader.table();
        List<CsvRow> items = table.getItems();
        if (items == null || items.isEmpty()) {
            return; // no match yet: try again at the next chunk
        }
        int at = items.size() / 2;
        table.scrollTo(at);
        table.getSelectionModel().clearAndSelect(at);
        CsvRow row = items.get(at);
        middle = row.row() + ":" + (row.fields().size() > 2 ? row.fields().get(2).trim() : "?");
    }

    private void check() {
        if (caughtUp.isDone() || tab.getState().busy()) {
            return;
        }
        ReaderViewModel vm = reader.viewModel();
        CsvRecordIndex rows = vm.rows();
        MatchList matches = vm.rowMatches();
        if (rows == null || matches == null || rows.rowCount() < expectedRows || !vm.filterCaughtUp()) {
            return;
        }
        // The filter scans on its own thread: wait until what the window shows (the table's rows and the
        // count in the bar, published on this thread) has caught up with it, not just the live count.
        List<CsvRow> items = reader.table().getItems();
        String shownCount = String.format(Locale.ROOT, "%,d of %,d rows match", matches.size(), rows.rowCount());
        if (items == null || items.size() != matches.size() || !vm.filterStatusProperty().get().equals(shownCount)) {
            return;
        }
        String line = String.format("TABLE shown=%s rows=%d rowMatches=%d tableItems=%d middle=%s status=\"%s\"",
                reader.table().isVisible() && !tabView.textView().isVisible() ? "table" : "text",
                rows.rowCount(), matches.size(), items == null ? -1 : items.size(), middle,
                vm.filterStatusProperty().get());
        gcSampler.execute(() -> {
            sample();
            caughtUp.complete(line + String.format(" maxLiveHeapAfterGcMiB=%.1f", maxLiveAfterGc.get() / 1048576.0));
        });
    }

    private void sampleHeap() {
        gcSampler.execute(this::sample);
    }

    private void sample() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxLiveAfterGc.accumulateAndGet(used, Math::max);
    }

    /** Completes with the {@code TABLE} figures line once rows and filter caught up with the ended stream. */
    CompletableFuture<String> caughtUp() {
        return caughtUp;
    }
}
