package org.reportviewer.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Builds and closes channels to a ReportService. */
public final class Channels {

    /** Allows servers whose chunks are larger than gRPC's 4 MiB default. */
    public static final int MAX_INBOUND_MESSAGE = 16 << 20;

    private Channels() {}

    /** A plaintext channel to {@code host:port} (see {@link Target}), with {@link KeepAlive#configured()}. */
    public static ManagedChannel plaintext(Target target) {
        return plaintext(target, KeepAlive.configured());
    }

    /** A plaintext channel that notices a silent server as {@code keepAlive} says. */
    public static ManagedChannel plaintext(Target target, KeepAlive keepAlive) {
        return keepAlive.applyTo(NettyChannelBuilder.forAddress(target.host(), target.port()))
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
                .build();
    }

    /** Three-step shutdown: stop new calls, wait briefly for the rest, then cancel what remains. */
    public static void shutdown(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
                channel.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
