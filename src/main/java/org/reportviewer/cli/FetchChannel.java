package org.reportviewer.cli;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.reportviewer.client.Channels;
import org.reportviewer.client.ConnectionSpec;
import org.reportviewer.client.KeepAlive;

/**
 * The one channel of a {@code fetch} process, on an event loop of its own that {@link #close} stops
 * completely. With gRPC's shared event loops the process exited with their threads still waiting
 * for I/O inside native code, and the JVM's exit waits up to 300 ms for such threads (HotSpot's
 * {@code VM_Exit::wait_for_threads_in_native_to_block}): a quarter of a one-chunk fetch's wall
 * time. One thread is enough for one connection. The transport is gRPC's own choice (native epoll
 * where it loads, else NIO): with the package's epoll library loaded from its runtime (no temp copy),
 * NIO starts no cheaper (within 0.01 CPU-s; BENCHMARKS.md, "Cold start, fifth round"), and its
 * socket errors are worded differently ("Connection reset" for epoll's "Connection reset by peer"),
 * which users see.
 */
final class FetchChannel implements AutoCloseable {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final EventLoopGroup group;
    private final ManagedChannel channel;

    /** @param onTransportThread see {@link ConnectionSpec#openChannel(boolean)} */
    FetchChannel(ConnectionSpec connection, boolean onTransportThread) {
        boolean epoll = Epoll.isAvailable();
        ThreadFactory named = new DefaultThreadFactory("fetch-transport", true);
        ThreadFactory recorded = task -> {
            Thread t = named.newThread(task);
            threads.add(t);
            return t;
        };
        group = new MultiThreadIoEventLoopGroup(1, recorded, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            channel = connection.channelBuilder(KeepAlive.configured(), onTransportThread)
                    .eventLoopGroup(group)
                    .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .build();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Closes the channel (three steps, {@link Channels#shutdown}), then stops its event loop's thread. */
    @Override
    public void close() {
        Channels.shutdown(channel);
        // No quiet period: nothing else runs on this loop once the channel has terminated.
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            group.awaitTermination(3, TimeUnit.SECONDS);
            // The loop reports termination just before its thread ends: wait for the end itself.
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
