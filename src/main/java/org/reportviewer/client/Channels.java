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
        return plaintext(target, KeepAlive.configured(), false);
    }

    /** A plaintext channel that notices a silent server as {@code keepAlive} says. */
    public static ManagedChannel plaintext(Target target, KeepAlive keepAlive) {
        return plaintext(target, keepAlive, false);
    }

    /**
     * @param onTransportThread run the calls' callbacks on the transport's event loop (see
     *     {@link #tuned}); only for listeners that never block for long
     */
    public static ManagedChannel plaintext(Target target, KeepAlive keepAlive, boolean onTransportThread) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.host(), target.port()).usePlaintext();
        return tuned(CoalescingPlaintext.apply(builder), keepAlive, onTransportThread).build();
    }

    /**
     * The settings every channel shares: keepalive (a silent server ends the call as UNAVAILABLE), the
     * inbound message limit and, with {@code onTransportThread}, callbacks run on the Netty
     * event loop instead of hopping to an executor thread per batch of messages: on 2 cores that
     * hop (a queue, a wake-up, a context switch) was the largest per-chunk cost of a single-stream
     * fetch. A listener there must not block for long (a buffered file write is fine, a lock held
     * by a UI thread is not), since the connection reads nothing meanwhile. Such a channel (the
     * CLI's {@code fetch}: one process, one connection, one call) also goes without grpc-java's
     * transparent retry, whose {@code RetriableStream} layer costs a queue and a task per message
     * (4 % of the event loop's CPU on 100 B chunks, BENCHMARKS.md) and whose one case, a call refused by
     * a connection that was already going away, a fresh connection does not meet; {@code --retries}
     * resumes a broken fetch instead. See {@link TransportTracerCost} for the statistics' cost and
     * {@link LeakSampling} for Netty's leak detection, which every channel turns off.
     */
    static NettyChannelBuilder tuned(NettyChannelBuilder builder, KeepAlive keepAlive, boolean onTransportThread) {
        keepAlive.applyTo(builder).maxInboundMessageSize(MAX_INBOUND_MESSAGE);
        LeakSampling.offUnlessAsked();
        if (onTransportThread) {
            builder.directExecutor().disableRetry();
        }
        return TransportTracerCost.reduce(builder);
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
