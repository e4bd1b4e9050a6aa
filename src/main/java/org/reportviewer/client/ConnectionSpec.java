package org.reportviewer.client;

import com.google.common.net.InetAddresses;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to reach a ReportService: where, whether over TLS (trusting a given CA file, else the system
 * trust store), and an optional bearer token.
 *
 * @param target {@code host:port}; with TLS the host must match the server certificate
 * @param tls use TLS
 * @param caFile PEM file of the CA(s) to trust, or {@code null} for the system trust store; needs TLS
 * @param token bearer token sent with every call, or {@code null}
 */
public record ConnectionSpec(Target target, boolean tls, Path caFile, String token) {

    public ConnectionSpec {
        if (target == null) {
            throw new IllegalArgumentException("no target");
        }
        if (caFile != null && !tls) {
            throw new IllegalArgumentException("a CA file is only used with TLS");
        }
        if (caFile != null && (!Files.isRegularFile(caFile) || !Files.isReadable(caFile))) {
            throw new IllegalArgumentException("CA file " + caFile + " does not exist or is not readable");
        }
        if (token != null) {
            new BearerToken(token); // the same rule as when sending it
        }
    }

    public static ConnectionSpec plaintext(Target target) {
        return new ConnectionSpec(target, false, null, null);
    }

    public static ConnectionSpec tls(Target target, Path caFile) {
        return new ConnectionSpec(target, true, caFile, null);
    }

    public ConnectionSpec withToken(String t) {
        return new ConnectionSpec(target, tls, caFile, t);
    }

    /** A new channel; the caller owns it (close it with {@link Channels#shutdown}). */
    public ManagedChannel openChannel() {
        return openChannel(KeepAlive.configured(), false);
    }

    /**
     * A new channel whose callbacks may run on the transport thread (see {@link Channels#tuned}):
     * for one stream into a sink that never blocks for long, such as the CLI's file or stdout.
     */
    public ManagedChannel openChannel(boolean onTransportThread) {
        return openChannel(KeepAlive.configured(), onTransportThread);
    }

    /** A new channel that notices a silent server as {@code keepAlive} says. */
    public ManagedChannel openChannel(KeepAlive keepAlive, boolean onTransportThread) {
        return channelBuilder(keepAlive, onTransportThread).build();
    }

    /** The builder {@link #openChannel} builds from, for a caller that adds transport settings of its own. */
    public NettyChannelBuilder channelBuilder(KeepAlive keepAlive, boolean onTransportThread) {
        SocketAddress loopback = loopbackLiteral(target);
        NettyChannelBuilder builder;
        if (loopback != null) {
            builder = tls ? NettyChannelBuilder.forAddress(loopback, channelCredentials())
                    : CoalescingPlaintext.apply(NettyChannelBuilder.forAddress(loopback).usePlaintext());
        } else {
            builder = tls ? NettyChannelBuilder.forAddress(target.host(), target.port(), channelCredentials())
                    : CoalescingPlaintext.apply(NettyChannelBuilder.forAddress(target.host(), target.port()).usePlaintext());
        }
        return Channels.tuned(builder, keepAlive, onTransportThread);
    }

    /**
     * The address of a loopback IP literal ({@code 127.0.0.1}, {@code ::1}), else null. Such a target
     * needs no name resolution, and gRPC's DNS resolver (its provider's ServiceLoader, a JNDI check,
     * a lookup on an executor thread) was a tenth of a one-chunk fetch process's CPU. Loopback only:
     * no proxy applies to it, so the direct address connects exactly where the resolver would.
     * The address keeps the literal as typed, so the channel's authority (and TLS's host check) is
     * the same {@code host:port} as through the resolver.
     */
    static InetSocketAddress loopbackLiteral(Target target) {
        if (!InetAddresses.isInetAddress(target.host())) {
            return null; // a name (even "localhost": it may stand for several addresses): the resolver's job
        }
        try {
            InetAddress address = InetAddress.getByAddress(target.host(),
                    InetAddresses.forString(target.host()).getAddress());
            return address.isLoopbackAddress() ? new InetSocketAddress(address, target.port()) : null;
        } catch (UnknownHostException e) {
            return null; // not reached: the literal's bytes have a valid length
        }
    }

    /** The token as call credentials, or {@code null} when there is none. */
    public CallCredentials callCredentials() {
        return token == null ? null : new BearerToken(token);
    }

    /** A client for {@code channel} that sends this spec's token. */
    public ReportClient client(ManagedChannel channel) {
        return new ReportClient(channel, callCredentials());
    }

    private ChannelCredentials channelCredentials() {
        if (caFile == null) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // Never print the token: specs end up in logs, status lines and error messages.
        return "ConnectionSpec[" + target + (tls ? ", tls" + (caFile != null ? " ca=" + caFile : "") : ", plaintext")
                + (token != null ? ", token=set" : "") + "]";
    }
}
