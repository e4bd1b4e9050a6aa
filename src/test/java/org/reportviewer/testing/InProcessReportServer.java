package org.reportviewer.testing;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.client.Channels;
import org.reportviewer.client.Connection;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticSource;

/**
 * A JUnit 5 extension: our real {@link ReportServer} (the same service, flow control and metrics)
 * on gRPC's in-process transport, with a channel and client to it. For client and view-model logic,
 * where the network adds only time and flakiness; tests about the network itself (TLS, connection
 * sharing, faults, flow control over TCP) use {@link LoopbackServer}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InProcessReportServer server = InProcessReportServer.standard(5);
 * }</pre>
 *
 * A static field gets one server per class; an instance field one per test.
 */
public final class InProcessReportServer
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ReportCatalog catalog;
    private final Duration grace;
    private String name;
    private ReportServer server;
    private ManagedChannel channel;
    private ReportClient client;
    private boolean perClass;

    public InProcessReportServer(ReportCatalog catalog, Duration grace) {
        this.catalog = catalog;
        this.grace = grace;
    }

    /** Demo (with {@code demoDelayMillis} between chunks) and synthetic reports. */
    public static InProcessReportServer standard(long demoDelayMillis) {
        return new InProcessReportServer(new ReportCatalog(List.of(new DemoSource(demoDelayMillis),
                new SyntheticSource())), Duration.ofSeconds(2));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() throws IOException {
        name = "report-server-" + System.nanoTime();
        server = new ReportServer(InProcessServerBuilder.forName(name), catalog, grace).start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = new ReportClient(channel);
    }

    private void stop() {
        Channels.shutdown(channel);
        server.close();
    }

    public ReportServer server() {
        return server;
    }

    public ManagedChannel channel() {
        return channel;
    }

    public ReportClient client() {
        return client;
    }

    /** A connection handle as the window makes them (its target is a name, not an address). */
    public Connection connection() {
        return new Connection(new Target("in-process", 1), false, channel, client);
    }
}
