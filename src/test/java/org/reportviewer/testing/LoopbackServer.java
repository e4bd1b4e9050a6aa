package org.reportviewer.testing;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ReportClient;
import org.reportviewer.client.Target;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.ReportSource;
import org.reportviewer.server.SyntheticSource;

/** A real ReportServer on a free 127.0.0.1 port plus a plaintext Netty channel to it. */
public final class LoopbackServer implements AutoCloseable {

    public final ReportServer server;
    public final ManagedChannel channel;
    public final ReportClient client;

    public LoopbackServer(ReportCatalog catalog) throws IOException {
        this(catalog, Duration.ofSeconds(2));
    }

    public LoopbackServer(ReportCatalog catalog, Duration grace) throws IOException {
        server = new ReportServer(ReportServer.netty("127.0.0.1", 0), catalog, grace).start();
        channel = Channels.plaintext(target());
        client = new ReportClient(channel);
    }

    /** Demo (with {@code demoDelayMillis} between chunks), synthetic, and {@code reportsDir} if given. */
    public static LoopbackServer standard(long demoDelayMillis, Path reportsDir) throws IOException {
        List<ReportSource> sources = new ArrayList<>(List.of(new DemoSource(demoDelayMillis), new SyntheticSource()));
        if (reportsDir != null) {
            sources.add(new DirectorySource(reportsDir));
        }
        return new LoopbackServer(new ReportCatalog(sources));
    }

    public Target target() {
        return new Target("127.0.0.1", server.port());
    }

    @Override
    public void close() {
        Channels.shutdown(channel);
        server.close();
    }
}
