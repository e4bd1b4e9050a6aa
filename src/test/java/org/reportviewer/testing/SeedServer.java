package org.reportviewer.testing;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.reportviewer.client.Channels;
import org.reportviewer.client.Target;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;

/**
 * A server as the original design wrote it (server.go): 10 chunks with a pause after each, no
 * total_chunks, start_chunk ignored, no ListReports (UNIMPLEMENTED). Real Netty on loopback.
 */
public final class SeedServer implements AutoCloseable {

    public final Server server;
    public final ManagedChannel channel;

    public SeedServer(long delayMillis) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ReportServiceGrpc.ReportServiceImplBase() {
                    @Override
                    public void generateReport(ReportRequest req, StreamObserver<ReportChunk> stream) {
                        try {
                            for (int i = 0; i < 10; i++) {
                                String text = "This is chunk " + i + " of report " + req.getReportId() + "\n";
                                stream.onNext(ReportChunk.newBuilder()
                                        .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8))
                                        .setChunkNumber(i)
                                        .build());
                                Thread.sleep(delayMillis);
                            }
                            stream.onCompleted();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            // client went away: as the Go server, just stop
                        }
                    }
                })
                .build()
                .start();
        channel = Channels.plaintext(target());
    }

    public Target target() {
        return new Target("127.0.0.1", server.getPort());
    }

    public static String expectedText(String reportId) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            b.append("This is chunk ").append(i).append(" of report ").append(reportId).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        Channels.shutdown(channel);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
