package org.reportviewer.app;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;

/**
 * Runs in its own JVM (the test gives it a small heap and Monocle): the real window, built as the app
 * builds it, streams one report from a server into a tab until the tab ends. Prints one {@code WINDOW}
 * line with what the tab holds and exits 0 only when the tab is COMPLETED with exactly the expected
 * bytes and lines (the synthetic report's last line included); 1 when it ended otherwise, 2 on any
 * uncaught exception. The test adds {@code -XX:+ExitOnOutOfMemoryError}, so running out of heap
 * anywhere exits 3.
 *
 * <p>With {@code table REGEX COLUMN} after those, the tab shows the Table view and filters column
 * COLUMN for REGEX while it streams ({@link TableLoadWatch}); the probe then also waits for the row
 * index and the filter to catch up and prints a {@code TABLE} line with the rows and matches.
 *
 * <p>Arguments: target (host:port), report id, expected bytes, timeout in seconds[, table REGEX COLUMN].
 */
public final class WindowMemoryProbe {

    private WindowMemoryProbe() {}

    /** What the tab held when it ended, read on the FX thread. */
    private record Ended(StreamState state, long tabBytes, long docBytes, long docLines, String lastLine) {}

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String report = args[1];
        long expectedBytes = Long.parseLong(args[2]);
        long timeoutSeconds = Long.parseLong(args[3]);
        boolean tableMode = args.length > 4 && args[4].equals("table");
        long started = System.nanoTime();
        Thread.UncaughtExceptionHandler fatal = (thread, e) -> {
            System.out.println("WINDOW uncaught exception on " + thread.getName() + ": " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(2);
        };
        Thread.setDefaultUncaughtExceptionHandler(fatal);
        ExecutorService io = ReportViewerApp.ioExecutor();
        ConnectionManager connections = new ConnectionManager();
        Preferences prefs = Preferences.userRoot().node("org/reportviewer/probe-" + UUID.randomUUID());
        CompletableFuture<Ended> ended = new CompletableFuture<>();
        CompletableFuture<TableLoadWatch> watch = new CompletableFuture<>();
        Platform.startup(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(fatal);
            MainViewModel vm = new MainViewModel(UiExecutor.fx(), io, connections, null,
                    ReportViewerApp.spoolDocuments());
            Stage stage = new Stage();
            MainWindow.show(stage, vm, new MainView(vm, (owner, name, partial) -> null), new AppSettings(prefs));
            vm.useEmbeddedProperty().set(false);
            vm.targetTextProperty().set(target);
            vm.connect();
            vm.newTab();
            vm.reportIdTextProperty().set(report);
            vm.startSelected();
            ReportTabViewModel tab = vm.selectedTabProperty().get();
            if (tableMode) {
                watch.complete(TableLoadWatch.start(stage, tab, expectedBytes, expectedBytes / SyntheticText.ROW - 1,
                        args[5], Integer.parseInt(args[6])));
            }
            tab.stateProperty().addListener((o, was, now) -> {
                if (!now.busy() && now != StreamState.IDLE) {
                    ReportDocument doc = tab.documentProperty().get();
                    long lines = doc.lineCount();
                    ended.complete(new Ended(now, tab.bytesProperty().get(), doc.byteCount(), lines,
                            lines > 0 ? doc.line(lines - 1) : ""));
                }
            });
        });
        Ended e = ended.get(timeoutSeconds, TimeUnit.SECONDS);
        long expectedLines = expectedBytes / SyntheticText.ROW;
        byte[] lastRow = new byte[SyntheticText.ROW - 1]; // without its newline
        new SyntheticText().fill(expectedBytes - SyntheticText.ROW, lastRow);
        boolean exact = e.tabBytes() == expectedBytes && e.docBytes() == expectedBytes
                && e.docLines() == expectedLines && e.lastLine().equals(new String(lastRow, "UTF-8"));
        System.out.printf("WINDOW state=%s bytes=%d documentBytes=%d lines=%d exact=%s maxHeapMiB=%d peakHeapMiB=%d%n",
                e.state(), e.tabBytes(), e.docBytes(), e.docLines(), exact, Runtime.getRuntime().maxMemory() >> 20,
                peakHeapBytes() >> 20);
        if (tableMode && e.state() == StreamState.COMPLETED && exact) {
            // Rows and matches may still be catching up after the last chunk: the clock runs until they have.
            String table = watch.get(timeoutSeconds, TimeUnit.SECONDS).caughtUp().get(timeoutSeconds, TimeUnit.SECONDS);
            System.out.printf("%s peakHeapMiB=%d seconds=%.1f%n", table, peakHeapBytes() >> 20,
                    (System.nanoTime() - started) / 1e9);
        }
        System.out.flush();
        prefs.removeNode();
        Runtime.getRuntime().halt(e.state() == StreamState.COMPLETED && exact ? 0 : 1);
    }

    /** The sum of the heap pools' peaks (an upper bound of the peak heap in use). */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
