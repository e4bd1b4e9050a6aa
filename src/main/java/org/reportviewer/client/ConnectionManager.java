package org.reportviewer.client;

import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One channel per distinct {@link ConnectionSpec} (target, TLS, CA file, token), shared by every tab
 * that streams with it: gRPC multiplexes the streams over one HTTP/2 connection. All channels of the
 * app are made here.
 */
public final class ConnectionManager implements AutoCloseable {

    private final Function<ConnectionSpec, ManagedChannel> channelFactory;
    private final Map<ConnectionSpec, Connection> open = new LinkedHashMap<>();
    /** Channels let go of while streams may still run on them: closed for good in {@link #close()}. */
    private final List<ManagedChannel> retired = new ArrayList<>();
    private boolean closed;

    public ConnectionManager() {
        this(ConnectionSpec::openChannel);
    }

    public ConnectionManager(Function<ConnectionSpec, ManagedChannel> channelFactory) {
        this.channelFactory = channelFactory;
    }

    /** The shared plaintext connection to {@code target} without a token (the embedded server). */
    public Connection connect(Target target, boolean embedded) {
        return connect(ConnectionSpec.plaintext(target), embedded);
    }

    /** The shared connection made as {@code spec} says, made on first use. */
    public synchronized Connection connect(ConnectionSpec spec, boolean embedded) {
        if (closed) {
            throw new IllegalStateException("the app is shutting down");
        }
        Connection c = open.get(spec);
        if (c == null || c.channel().isShutdown()) {
            ManagedChannel channel = channelFactory.apply(spec);
            c = new Connection(spec.target(), embedded, channel, spec.client(channel), spec);
            open.put(spec, c);
        }
        return c;
    }

    /**
     * Lets go of every connection but {@code keep}. {@code shutdown()} refuses new calls but lets
     * the streams in flight finish, so tabs still streaming from the old target are not disturbed.
     */
    public synchronized void retainOnly(ConnectionSpec keep) {
        open.entrySet().removeIf(e -> {
            if (e.getKey().equals(keep)) {
                return false;
            }
            e.getValue().channel().shutdown();
            retired.add(e.getValue().channel());
            return true;
        });
    }

    /** Channels open now (not shut down): normally one. */
    public synchronized int openCount() {
        return (int) open.values().stream().filter(c -> !c.channel().isShutdown()).count();
    }

    /** Cancels what still runs and waits briefly for every channel to terminate. */
    @Override
    public void close() {
        List<ManagedChannel> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            open.values().forEach(c -> all.add(c.channel()));
            all.addAll(retired);
            open.clear();
            retired.clear();
        }
        all.forEach(Channels::shutdown);
    }
}
