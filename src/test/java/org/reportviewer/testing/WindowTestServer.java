package org.reportviewer.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.stage.Stage;
import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ReportSource;
import org.reportviewer.server.SyntheticSource;

/**
 * What a window test class shares: a real ReportServer on loopback and the window's I/O pool, started
 * in {@code @BeforeAll} and closed together in {@code @AfterAll}; each test shows a fresh window on it.
 */
public final class WindowTestServer implements AutoCloseable {

    private final ReportServer server;
    private final ExecutorService io = ReportViewerApp.ioExecutor();

    private WindowTestServer(ReportServer server) {
        this.server = server;
    }

    /** A server the test class started itself (TLS, transport filters, its own catalog). */
    public static WindowTestServer of(ReportServer started) {
        return new WindowTestServer(started);
    }

    /**
     * The demo (chunks {@code demoDelayMillis} apart) and synthetic reports, then {@code more};
     * {@code grace} is how long close() lets streams still running finish.
     */
    public static WindowTestServer standard(long demoDelayMillis, Duration grace, ReportSource... more)
            throws IOException {
        List<ReportSource> sources = new ArrayList<>(List.of(new DemoSource(demoDelayMillis), new SyntheticSource()));
        sources.addAll(List.of(more));
        return new WindowTestServer(new ReportServer(ReportServer.netty("127.0.0.1", 0),
                new ReportCatalog(sources), grace).start());
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

    /** The window aimed at this server and connected, without an embedded server. */
    public WindowDriver showConnected(Stage stage) {
        return connected(WindowDriver.show(stage, io, target(), null));
    }

    /** The window aimed at this server and connected, with its own embedded server in a folder under {@code dir}. */
    public WindowDriver showConnected(Stage stage, Path dir) throws IOException {
        return connected(WindowDriver.showWithEmbedded(stage, io, target(), dir));
    }

    private static WindowDriver connected(WindowDriver window) {
        window.vm().connect();
        return window;
    }

    @Override
    public void close() {
        server.close();
        io.shutdownNow();
    }
}
