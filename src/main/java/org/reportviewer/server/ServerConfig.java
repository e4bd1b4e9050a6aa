package org.reportviewer.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Where and how a standalone server listens.
 *
 * <p>The bind rule: loopback (127.0.0.1 by default) is always allowed. Any other address, including
 * the wildcard 0.0.0.0 / ::, needs TLS or an explicit {@code allowInsecure}: reports travel in the
 * clear otherwise, and a bearer token with them.
 *
 * @param host address to bind; a name is resolved once to decide the rule
 * @param port port, 0 for a free one
 * @param tls certificate and key, or {@code null} for plaintext
 * @param allowInsecure permit plaintext on a non-loopback address
 * @param bearerToken token every ReportService call must carry, or {@code null} for none
 * @param grace how long in-flight streams may finish at shutdown
 */
public record ServerConfig(String host, int port, ServerTls tls, boolean allowInsecure, String bearerToken,
        Duration grace) {

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host to bind is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (bearerToken != null) {
            BearerTokenAuth.checkToken(bearerToken);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("the shutdown grace period must be 0 or more");
        }
    }

    /** Plaintext on 127.0.0.1, no token: the safe default. */
    public static ServerConfig loopback(int port) {
        return new ServerConfig(ReportServer.DEFAULT_HOST, port, null, false, null, ReportServer.DEFAULT_GRACE);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, tls, allowInsecure, bearerToken, grace);
    }

    public ServerConfig withTls(ServerTls t) {
        return new ServerConfig(host, port, t, allowInsecure, bearerToken, grace);
    }

    public ServerConfig withAllowInsecure(boolean allow) {
        return new ServerConfig(host, port, tls, allow, bearerToken, grace);
    }

    public ServerConfig withBearerToken(String token) {
        return new ServerConfig(host, port, tls, allowInsecure, token, grace);
    }

    /**
     * Applies the bind rule.
     *
     * @throws IllegalArgumentException saying what to do when the address needs TLS or --insecure
     */
    public void checkBindRule() {
        if (tls != null || allowInsecure || isLoopback(host)) {
            return;
        }
        throw new IllegalArgumentException("refusing to serve plaintext on " + host
                + ", which is not a loopback address: reports (and tokens) would cross the network unencrypted. "
                + "Give a certificate and key (--tls-cert, --tls-key), bind 127.0.0.1, or pass --insecure "
                + "if this network is trusted");
    }

    /** True when {@code host} is, or resolves to, a loopback address. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind '" + host + "': unknown host", e);
        }
    }

    /** A Netty builder bound and secured as configured, after {@link #checkBindRule()}. */
    public NettyServerBuilder nettyBuilder() {
        checkBindRule();
        NettyServerBuilder builder = ServerKeepAlive.DEFAULT.applyTo(
                NettyServerBuilder.forAddress(new InetSocketAddress(host, port)));
        return tls == null ? builder : tls.apply(builder);
    }

    @Override
    public String toString() {
        // Never print the token: configs end up in logs and error messages.
        return "ServerConfig[host=" + host + ", port=" + port + ", tls=" + (tls != null) + ", allowInsecure="
                + allowInsecure + ", token=" + (bearerToken == null ? "none" : "set") + ", grace=" + grace + "]";
    }
}
