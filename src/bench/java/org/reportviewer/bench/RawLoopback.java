package org.reportviewer.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reportviewer.server.SyntheticText;

/**
 * The transport limit, iperf3-style: one plain NIO socket pair on 127.0.0.1, a sender thread writing
 * the same report bytes in writes of {@code writeSize}, a receiver reading and writing them to
 * /dev/null, as the gRPC consumer does. No framing, no protocol: what loopback TCP alone gives.
 */
final class RawLoopback {

    private RawLoopback() {}

    /** Pushes {@code totalBytes} and returns the elapsed nanoseconds, from connect to last byte read. */
    static long push(long totalBytes, int writeSize) throws Exception {
        // The sender repeats one pre-rendered MiB of the synthetic report: like iperf3, it does not
        // spend time producing data, so this is the ceiling for the transport alone.
        byte[] text = new byte[1 << 20];
        new SyntheticText().fill(0, text);
        ByteBuffer source = ByteBuffer.allocateDirect(text.length).put(text).flip();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(listener, source, totalBytes, writeSize));
            long start = System.nanoTime();
            long received = 0;
            try (SocketChannel in = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    FileChannel devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(writeSize, 64 << 10));
                while (received < totalBytes) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    received += n;
                    buf.flip();
                    devNull.write(buf);
                    buf.clear();
                }
            }
            long elapsed = System.nanoTime() - start;
            sender.get(30, TimeUnit.SECONDS);
            if (received != totalBytes) {
                throw new IllegalStateException("raw baseline received " + received + " of " + totalBytes + " bytes");
            }
            return elapsed;
        }
    }

    private static void send(ServerSocketChannel listener, ByteBuffer source, long totalBytes, int writeSize) {
        try (SocketChannel out = listener.accept()) {
            long sent = 0;
            ByteBuffer src = source.duplicate();
            while (sent < totalBytes) {
                if (src.remaining() < writeSize) {
                    src.rewind();
                }
                int n = (int) Math.min(writeSize, totalBytes - sent);
                ByteBuffer slice = src.slice().limit(n);
                while (slice.hasRemaining()) {
                    out.write(slice);
                }
                src.position(src.position() + n);
                sent += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException("raw baseline sender failed", e);
        }
    }
}
