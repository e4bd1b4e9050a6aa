package org.reportviewer.client;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How a client notices a server that went silent without closing the connection (peer frozen,
 * cable pulled, packets dropped): TCP alone can take many minutes. After {@code time} with nothing
 * received on a connection that has a call in progress, gRPC sends an HTTP/2 PING; when no answer
 * comes within {@code timeout}, the connection is closed and its calls end with UNAVAILABLE. So a
 * dead peer is reported at most {@code time + timeout} after its last byte. A slow but live server
 * answers the pings, so a long pause between chunks is never cut off.
 *
 * <p>Servers must permit a ping every {@code time} during a silent stream (grpc-java
 * {@code permitKeepAliveTime}, grpc-go {@code EnforcementPolicy.MinTime}; ours permits 5 s).
 *
 * @param time silence before a ping; gRPC raises anything under {@link #MIN_TIME} to it
 * @param timeout how long to wait for the ping's answer
 */
public record KeepAlive(Duration time, Duration timeout) {

    /** gRPC's floor for the ping interval (grpc-java clamps smaller values up to it). */
    public static final Duration MIN_TIME = Duration.ofSeconds(10);
    /** A dead peer is reported within 40 s of its last byte: inside the 45 s we promise. */
    public static final KeepAlive DEFAULT = new KeepAlive(Duration.ofSeconds(20), Duration.ofSeconds(20));
    /** System properties that override the defaults (e.g. in tests): {@code 10s}, {@code 500ms}. */
    public static final String TIME_PROPERTY = "reportviewer.keepalive.time";
    public static final String TIMEOUT_PROPERTY = "reportviewer.keepalive.timeout";

    public KeepAlive {
        if (time == null || time.compareTo(MIN_TIME) < 0) {
            throw new IllegalArgumentException("the keepalive time must be at least " + MIN_TIME.toSeconds()
                    + "s (gRPC's minimum), got " + time);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the keepalive timeout must be longer than 0, got " + timeout);
        }
    }

    /** The defaults, or what {@value #TIME_PROPERTY} / {@value #TIMEOUT_PROPERTY} say. */
    public static KeepAlive configured() {
        return new KeepAlive(property(TIME_PROPERTY, DEFAULT.time), property(TIMEOUT_PROPERTY, DEFAULT.timeout));
    }

    /** The longest a dead peer can go unnoticed after its last byte. */
    public Duration bound() {
        return time.plus(timeout);
    }

    NettyChannelBuilder applyTo(NettyChannelBuilder builder) {
        return builder.keepAliveTime(time.toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                // Only while a call runs: an idle channel has nothing to lose and servers may not permit it.
                .keepAliveWithoutCalls(false);
    }

    private static Duration property(String name, Duration fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-D" + name + "=" + value + " is not a duration (use e.g. 10s or 500ms)");
    }

    @Override
    public String toString() {
        return "ping after " + time.toMillis() + " ms of silence, give up after " + timeout.toMillis() + " ms more";
    }
}
