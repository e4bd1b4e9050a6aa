package org.reportviewer.app;

import io.grpc.Attributes;
import io.grpc.ManagedChannel;
import io.grpc.ServerTransportFilter;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.LocalServer;
import org.reportviewer.client.Target;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ServerMetrics;
import org.reportviewer.server.sql.SqlSamples;

/**
 * The app's own ReportService on 127.0.0.1 (a free port), serving demo, synthetic and the files of
 * a reports folder (its {@code .sql} files as SQL reports on DuckDB; a new folder gets the samples). Started on first use; {@link #close()} is safe to repeat and from any state.
 *
 * <p>The window itself reaches it in-process ({@link #openChannel}): the same server, service,
 * flow control and metrics, but no sockets, HTTP/2 framing or Netty event loops between two parts of
 * one JVM (a profile of the window taking 1 GiB put most of its streaming CPU, and a third of its JIT
 * compiling, in that transport). Other clients still connect over TCP to the address it listens on.
 */
public final class EmbeddedServer implements LocalServer, AutoCloseable {

    /** Overrides the reports folder (tests, portable installs). */
    public static final String REPORTS_DIR_PROPERTY = "reportviewer.reports.dir";

    private final Path reportsDir;
    /** The in-process name, unique per instance: tests run several embedded servers in one JVM. */
    private final String inProcessName = "report-viewer-embedded-" + UUID.randomUUID();
    private final AtomicInteger tcpConnections = new AtomicInteger();
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
            ServerTransportFilter counter = new ServerTransportFilter() {
                @Override
                public Attributes transportReady(Attributes attrs) {
                    tcpConnections.incrementAndGet();
                    return attrs;
                }
            };
            server = new ReportServer(ReportServer.netty(ReportServer.DEFAULT_HOST, 0).addTransportFilter(counter),
                    ReportCatalog.standard(new DirectorySource(reportsDir))).alsoInProcess(inProcessName).start();
        }
        return new Target(ReportServer.DEFAULT_HOST, server.port());
    }

    /** The app's channels: in-process to this server (see {@link #openChannel}), real ones to any other. */
    public ConnectionManager connectionManager() {
        return new ConnectionManager(this::openChannel);
    }

    /**
     * A channel as {@code spec} says, for the app's {@link org.reportviewer.client.ConnectionManager}:
     * in-process when it is this server's own address in plaintext without a token (what the
     * window's "embedded" connection is), otherwise a real one. In-process, gRPC still paces the
     * stream by the client's {@code request(n)}, so the window's frame pacer holds the server back
     * as over TCP; the calls' callbacks run on the server thread that sends (direct executor), so a
     * chunk goes from the generator to the document without a thread hand-off.
     */
    public ManagedChannel openChannel(ConnectionSpec spec) {
        if (!isOwn(spec)) {
            return spec.openChannel();
        }
        // The authority stays the TCP address, so the call inspector and the server's :authority read as before.
        return InProcessChannelBuilder.forName(inProcessName).directExecutor().overrideAuthority(spec.target().toString())
                .maxInboundMessageSize(Channels.MAX_INBOUND_MESSAGE).build();
    }

    private synchronized boolean isOwn(ConnectionSpec spec) {
        return server != null && !closed
                && ConnectionSpec.plaintext(new Target(ReportServer.DEFAULT_HOST, server.port())).equals(spec);
    }

    /** TCP connections the server has accepted so far (the window's own calls make none). */
    public int tcpConnections() {
        return tcpConnections.get();
    }

    /** The running server's call metrics; starts the server if needed. */
    public ServerMetrics metrics() throws IOException {
        target();
        synchronized (this) {
            return server.metrics();
        }
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
