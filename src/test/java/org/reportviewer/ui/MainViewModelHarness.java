package org.reportviewer.ui;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.LocalServer;
import org.reportviewer.document.ReportDocument;

/**
 * A JUnit 5 extension: the window's view-model with no JavaFX toolkit, fresh for each test. Its "UI
 * thread" is a {@link ManualUiExecutor} the test drives; IO runs on real threads. After the test it
 * closes the tabs, then the connections, then the embedded server it was given (if closeable).
 *
 * <pre>{@code
 * @RegisterExtension
 * final MainViewModelHarness harness = new MainViewModelHarness(Duration.ofSeconds(20));
 * ...
 * vm = harness.create(null); // in a @BeforeEach, with the embedded server or null
 * }</pre>
 */
final class MainViewModelHarness implements BeforeEachCallback, AfterEachCallback {

    private final Duration wait;
    private ExecutorService io;
    private ManualUiExecutor ui;
    private ConnectionManager connections;
    private MainViewModel vm;
    private AutoCloseable embedded;

    MainViewModelHarness(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        io = Executors.newCachedThreadPool();
        ui = new ManualUiExecutor();
        connections = new ConnectionManager();
    }

    /** The view-model of this test, with {@code embedded} as its embedded server ({@code null}: none). */
    MainViewModel create(LocalServer embedded) {
        vm = new MainViewModel(ui, io, connections, embedded, ReportDocument::createTemp);
        this.embedded = embedded instanceof AutoCloseable c ? c : null;
        return vm;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
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
}
