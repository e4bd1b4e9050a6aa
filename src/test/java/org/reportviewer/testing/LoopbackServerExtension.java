package org.reportviewer.testing;

import io.grpc.ManagedChannel;
import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.server.ReportServer;

/**
 * A JUnit 5 extension: one {@link LoopbackServer#standard standard} {@link LoopbackServer} (real
 * Netty on 127.0.0.1) shared by the tests of a class, for tests about the network; client and
 * view-model logic uses {@link InProcessReportServer}. Tests that share it filter what they observe
 * by their own report id.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(5);
 * }</pre>
 */
public final class LoopbackServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final long demoDelayMillis;
    private LoopbackServer loopback;

    private LoopbackServerExtension(long demoDelayMillis) {
        this.demoDelayMillis = demoDelayMillis;
    }

    /** Demo (with {@code demoDelayMillis} between chunks) and synthetic reports. */
    public static LoopbackServerExtension standard(long demoDelayMillis) {
        return new LoopbackServerExtension(demoDelayMillis);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        loopback = LoopbackServer.standard(demoDelayMillis, null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        loopback.close();
    }

    public ReportServer server() {
        return loopback.server;
    }

    public ManagedChannel channel() {
        return loopback.channel;
    }

    public ReportClient client() {
        return loopback.client;
    }

    public Target target() {
        return loopback.target();
    }
}
