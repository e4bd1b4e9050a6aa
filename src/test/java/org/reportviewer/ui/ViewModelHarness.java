package org.reportviewer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.LocalServer;
import org.reportviewer.document.ReportDocument;

/**
 * A JUnit 5 extension: view-models with no JavaFX toolkit, fresh for each test. Their "UI thread" is
 * a {@link ManualUiExecutor} the test drives; IO runs on real threads. After the test it disposes
 * the tab, closes the window model's tabs, the connections and the embedded server it was given.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ViewModelHarness harness = ViewModelHarness.forTab(Duration.ofSeconds(20));
 * ...
 * tab = harness.newTab(); // in a @BeforeEach
 * }</pre>
 */
final class ViewModelHarness implements BeforeEachCallback, AfterEachCallback {

    private final Duration wait;
    private final Supplier<ExecutorService> ioThreads;
    private ExecutorService io;
    private ManualUiExecutor ui;
    private ConnectionManager connections;
    private ReportTabViewModel tab;
    private MainViewModel vm;
    private AutoCloseable embedded;

    private ViewModelHarness(Duration wait, Supplier<ExecutorService> ioThreads) {
        this.wait = wait;
        this.ioThreads = ioThreads;
    }

    /** For one tab on its own: IO on a single thread. */
    static ViewModelHarness forTab(Duration wait) {
        return new ViewModelHarness(wait, Executors::newSingleThreadExecutor);
    }

    /** For the window's view-model: IO on a cached pool, as the app runs it. */
    static ViewModelHarness forWindow(Duration wait) {
        return new ViewModelHarness(wait, Executors::newCachedThreadPool);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        io = ioThreads.get();
        ui = new ManualUiExecutor();
        connections = new ConnectionManager();
    }

    /** A tab view-model of this test, its documents in temporary spool files. */
    ReportTabViewModel newTab() {
        tab = new ReportTabViewModel(ui, io, ReportDocument::createTemp);
        return tab;
    }

    /** The window's view-model of this test, with {@code embedded} as its embedded server ({@code null}: none). */
    MainViewModel newMainViewModel(LocalServer embedded) {
        vm = new MainViewModel(ui, io, connections, embedded, ReportDocument::createTemp);
        this.embedded = embedded instanceof AutoCloseable c ? c : null;
        return vm;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (tab != null) {
                tab.dispose();
            }
            if (vm != null) {
                vm.closeAll();
            }
            connections.close();
            if (embedded != null) {
                embedded.close();
            }
        } finally {
            io.shutdownNow();
        }
    }

    ManualUiExecutor ui() {
        return ui;
    }

    ConnectionManager connections() {
        return connections;
    }

    /** Waits while running the "UI thread" tasks on this thread. */
    void awaitUi(BooleanSupplier condition) {
        ui.runUntil(wait, condition);
    }

    /** The tab document's bytes so far, read back through a save to a temporary file. */
    byte[] documentBytes() throws IOException {
        Path out = Files.createTempFile("tab-doc-", ".txt");
        try {
            tab.documentProperty().get().saveTo(out);
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
