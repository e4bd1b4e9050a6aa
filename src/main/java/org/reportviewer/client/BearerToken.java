package org.reportviewer.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;

/**
 * Sends {@code authorization: Bearer <token>} with each call. Refuses to send it over a plaintext
 * connection to anything but loopback, where anyone on the path could read it.
 */
public final class BearerToken extends CallCredentials {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** How the refusal to send a token in clear text begins (the viewer words it on this). */
    public static final String REFUSED_PLAINTEXT = "refusing to send the token to ";

    private final String token;

    /** @throws IllegalArgumentException when the token is empty or not visible ASCII */
    public BearerToken(String token) {
        if (token == null || !token.matches("[\\x21-\\x7e]{1,4096}")) {
            throw new IllegalArgumentException(
                    "the token must be 1-4096 visible ASCII characters (no spaces or control characters)");
        }
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY && !isLoopback(info.getAuthority())) {
            applier.fail(Status.UNAUTHENTICATED.withDescription(REFUSED_PLAINTEXT + info.getAuthority()
                    + " over a plaintext connection; use TLS"));
            return;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
    }

    static boolean isLoopback(String authority) {
        String host = authority;
        if (host.startsWith("[")) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are judged here: no DNS lookup on the call path.
            return host.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
