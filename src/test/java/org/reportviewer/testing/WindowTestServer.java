package org.reportviewer.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ReportSource;
import org.reportviewer.server.SyntheticSource;

/**
 * What a window test class shares, as a JUnit extension on a static field
 * ({@code @RegisterExtension static final WindowTestServer server = ...}): a real ReportServer on
 * loopback and the window's I/O pool, started before the class's tests and closed after them; the
 * windows a test shows through it are closed after that test.
 */
public final class WindowTestServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Callable<ReportServer> starter;
    private final List<WindowDriver> shown = new CopyOnWriteArrayList<>();
    private ReportServer server;
    private ExecutorService io;

    private WindowTestServer(Callable<ReportServer> starter) {
        this.starter = starter;
    }

    /**
     * A server the test class makes itself (TLS, transport filters, its own catalog), started by
     * {@code starter} before the class's tests (static {@code @TempDir} fields are set by then).
     */
    public static WindowTestServer starting(Callable<ReportServer> starter) {
        return new WindowTestServer(starter);
    }

    /**
     * The demo (chunks {@code demoDelayMillis} apart) and synthetic reports, then {@code more};
     * {@code grace} is how long closing lets streams still running finish.
     */
    public static WindowTestServer standard(long demoDelayMillis, Duration grace, ReportSource... more) {
        return starting(() -> {
            List<ReportSource> sources = new ArrayList<>(List.of(new DemoSource(demoDelayMillis), new SyntheticSource()));
            sources.addAll(List.of(more));
            return new ReportServer(ReportServer.netty("127.0.0.1", 0), new ReportCatalog(sources), grace).start();
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = starter.call();
        io = ReportViewerApp.ioExecutor();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (WindowDriver w : shown) {
            w.close();
        }
        shown.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        io.shutdownNow();
    }

    public ReportServer server() {
        return server;
    }

    public ExecutorService io() {
        return io;
    }

    /** "127.0.0.1:port", as a user types it. */
    public String target() {
        return "127.0.0.1:" + server.port();
    }

    /** The window aimed at {@code target}, not connected, without an embedded server; closed after the test. */
    public WindowDriver show(Stage stage, String target) {
        return closedAfterTheTest(WindowDriver.show(stage, io, target, null));
    }

    /** The window aimed at this server and connected, without an embedded server; closed after the test. */
    public WindowDriver showConnected(Stage stage) {
        return connected(show(stage, target()));
    }

    /**
     * The window aimed at this server and connected, with its own embedded server in a folder under
     * {@code dir}; closed after the test.
     */
    public WindowDriver showConnected(Stage stage, Path dir) throws java.io.IOException {
        return connected(closedAfterTheTest(WindowDriver.showWithEmbedded(stage, io, target(), dir)));
    }

    private WindowDriver closedAfterTheTest(WindowDriver window) {
        shown.add(window);
        return window;
    }

    private static WindowDriver connected(WindowDriver window) {
        window.vm().connect();
        return window;
    }
}
