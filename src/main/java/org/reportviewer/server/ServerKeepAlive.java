package org.reportviewer.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of keepalive: which client pings it accepts, and how it notices a client that
 * went silent.
 *
 * <p>Clients ping a stream that has been silent for a while (ours after 20 s, see
 * {@code client.KeepAlive}) to notice a dead server. A slow report is silent between chunks, and
 * gRPC's default policy (one ping per 5 minutes) would answer the third such ping with GOAWAY
 * {@code too_many_pings}, ending a live stream. So the server permits a ping every
 * {@code permitTime} (below the 10 s any gRPC client can be set to), also without calls.
 *
 * <p>It pings its clients too, after {@code time} of silence, and drops a connection whose client
 * does not answer within {@code timeout}: a frozen client no longer holds its streams forever. No
 * maximum connection age: a stream is never cut for being long or slow; a connection with no call
 * for {@code maxIdle} is closed gracefully (clients reconnect on their next call).
 */
public record ServerKeepAlive(Duration permitTime, boolean permitWithoutCalls, Duration time, Duration timeout,
        Duration maxIdle) {

    public static final ServerKeepAlive DEFAULT = new ServerKeepAlive(Duration.ofSeconds(5), true,
            Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofHours(1));

    public ServerKeepAlive {
        for (Duration d : new Duration[] {permitTime, time, timeout, maxIdle}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("keepalive durations must be longer than 0, got " + d);
            }
        }
    }

    /** gRPC's own policy: one ping per 5 minutes, none without calls; what third-party servers often run. */
    public static ServerKeepAlive grpcDefaults() {
        return new ServerKeepAlive(Duration.ofMinutes(5), false, Duration.ofHours(2), Duration.ofSeconds(20),
                Duration.ofDays(365));
    }

    public NettyServerBuilder applyTo(NettyServerBuilder builder) {
        return builder.permitKeepAliveTime(permitTime.toNanos(), TimeUnit.NANOSECONDS)
                .permitKeepAliveWithoutCalls(permitWithoutCalls)
                .keepAliveTime(time.toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .maxConnectionIdle(maxIdle.toNanos(), TimeUnit.NANOSECONDS);
    }
}
