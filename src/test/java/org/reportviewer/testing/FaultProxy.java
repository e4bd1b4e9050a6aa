package org.reportviewer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.reportviewer.client.Target;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server that fails on command, the way networks
 * fail:
 * <ul>
 *   <li>{@link #stall()}: stops forwarding without closing (a frozen peer); {@link #pass()} resumes
 *       and nothing is lost;</li>
 *   <li>{@link #blackHole()}: swallows every byte both ways, connections stay open (a cable pulled,
 *       a firewall dropping packets). A connection that lost bytes never forwards again (its HTTP/2
 *       framing is broken); new connections after {@link #pass()} work;</li>
 *   <li>{@link #cut()}: resets every open connection (RST), as a crashed host or NAT would;</li>
 *   <li>{@link #throttle(long)}: forwards server-to-client bytes at most this fast (a slow link).</li>
 * </ul>
 * Two threads per connection copy the bytes; the pacing of a throttle is the proxy's own business.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, STALL, BLACK_HOLE }

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong toClient = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile long bytesPerSecond;
    private volatile boolean closed;
    private volatile int acceptedCount; // written by the acceptor thread only

    /** A proxy in front of {@code server}, forwarding everything until told otherwise. */
    public FaultProxy(Target server) throws IOException {
        this.upstream = new InetSocketAddress(server.host(), server.port());
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients connect. */
    public Target target() {
        return new Target("127.0.0.1", listener.getLocalPort());
    }

    /** Forward everything again (connections that lost bytes to a black hole stay silent). */
    public void pass() {
        setMode(Mode.PASS);
    }

    public void stall() {
        setMode(Mode.STALL);
    }

    public void blackHole() {
        setMode(Mode.BLACK_HOLE);
    }

    /** Server-to-client bytes at most this fast; 0 = no limit. */
    public void throttle(long maxBytesPerSecond) {
        this.bytesPerSecond = maxBytesPerSecond;
    }

    /** Resets every open connection; new ones are accepted as before. */
    public void cut() {
        for (Link link : links) {
            link.reset();
        }
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return acceptedCount;
    }

    /** Bytes forwarded from the server to clients so far. */
    public long bytesToClients() {
        return toClient.get();
    }

    private void setMode(Mode m) {
        lock.lock();
        try {
            mode = m;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 10_000);
                acceptedCount++;
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One proxied connection: a pump each way. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean poisoned;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, false, "up");
            pump(server, client, true, "down");
        }

        private void pump(Socket from, Socket to, boolean toClientSide, String name) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 << 10];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        forward(buffer, n, out, toClientSide);
                    }
                } catch (IOException | InterruptedException e) {
                    // the other side closed or was reset: close this side too
                } finally {
                    close();
                }
            }, "fault-proxy-" + name);
            t.setDaemon(true);
            t.start();
        }

        private void forward(byte[] buffer, int n, OutputStream out, boolean toClientSide)
                throws IOException, InterruptedException {
            awaitNotStalled();
            if (mode == Mode.BLACK_HOLE || poisoned) {
                poisoned = true; // a gap in the byte stream: this connection can never be whole again
                return;
            }
            if (!toClientSide || bytesPerSecond <= 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (toClientSide) {
                    toClient.addAndGet(n);
                }
                return;
            }
            // Throttled: slices of about 1/20 s each, so the rate is smooth rather than bursty.
            int off = 0;
            while (off < n) {
                long rate = Math.max(1, bytesPerSecond);
                int slice = (int) Math.max(1, Math.min(n - off, rate / 20));
                out.write(buffer, off, slice);
                out.flush();
                toClient.addAndGet(slice);
                off += slice;
                TimeUnit.NANOSECONDS.sleep(slice * 1_000_000_000L / rate);
            }
        }

        private void awaitNotStalled() throws InterruptedException {
            lock.lock();
            try {
                while (mode == Mode.STALL && !closed) {
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
        }

        void reset() {
            try {
                client.setSoLinger(true, 0); // close with RST, not FIN
                server.setSoLinger(true, 0);
            } catch (SocketException e) {
                // already closed
            }
            close();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        setMode(Mode.PASS);
        listener.close();
        cut();
    }
}
