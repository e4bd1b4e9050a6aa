package org.reportviewer.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reportviewer.client.LocalServer;
import org.reportviewer.client.Target;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.sql.SqlSamples;

/**
 * The app's own ReportService on 127.0.0.1 (a free port), serving demo, synthetic and the files of
 * a reports folder (its {@code .sql} files as SQL reports on DuckDB; a new folder gets the samples). Started on first use; {@link #close()} is safe to repeat and from any state.
 */
public final class EmbeddedServer implements LocalServer, AutoCloseable {

    /** Overrides the reports folder (tests, portable installs). */
    public static final String REPORTS_DIR_PROPERTY = "reportviewer.reports.dir";

    private final Path reportsDir;
    private ReportServer server;
    private boolean closed;

    public EmbeddedServer(Path reportsDir) {
        this.reportsDir = reportsDir;
    }

    /** {@code -Dreportviewer.reports.dir=...}, else {@code ~/ReportViewer/reports}. */
    public static Path defaultReportsDir() {
        String override = System.getProperty(REPORTS_DIR_PROPERTY);
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), "ReportViewer", "reports");
    }

    /** Starts the server if needed and returns where it listens. */
    @Override
    public synchronized Target target() throws IOException {
        if (closed) {
            throw new IOException("the embedded server has been stopped");
        }
        if (server == null) {
            if (!Files.exists(reportsDir)) {
                // First start: a new reports folder gets the sample SQL reports, so the catalog shows some.
                Files.createDirectories(reportsDir);
                SqlSamples.install(reportsDir);
            }
            server = new ReportServer(ReportServer.netty(ReportServer.DEFAULT_HOST, 0),
                    ReportCatalog.standard(new DirectorySource(reportsDir))).start();
        }
        return new Target(ReportServer.DEFAULT_HOST, server.port());
    }

    /** Links (or copies) {@code file} into the reports folder, starting the server if needed. */
    @Override
    public String importFile(Path file) throws IOException {
        target(); // creates the reports folder
        return ReportFiles.importInto(reportsDir, file);
    }

    @Override
    public void close() {
        ReportServer s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
        }
        if (s != null) {
            s.close(); // outside the lock: it waits for streams in flight
        }
    }
}
