package org.reportviewer.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executor;
import org.reportviewer.format.Errors;
import org.reportviewer.format.TokenRule;

/**
 * Sends {@code authorization: Bearer <token>} with each call. Refuses to send it over a plaintext
 * connection to anything but loopback, where anyone on the path could read it.
 */
public final class BearerToken extends CallCredentials {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    /** @throws IllegalArgumentException when the token is empty or not visible ASCII */
    public BearerToken(String token) {
        TokenRule.check(token);
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY && !isLoopback(info.getAuthority())) {
            applier.fail(withheld(info.getAuthority()));
            return;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
    }

    /**
     * The status of a call whose token this client held back: UNAUTHENTICATED, with a
     * {@link Withheld} cause so that callers can tell it from a server's refusal without reading text.
     */
    public static Status withheld(String authority) {
        return Status.UNAUTHENTICATED.withDescription("refusing to send the token to " + authority
                + " over a plaintext connection; use TLS").withCause(new Withheld());
    }

    /** Whether {@code status} says this client held the token back (the fix is TLS, not another token). */
    public static boolean wasWithheld(Status status) {
        return status.getCause() != null && Errors.causedBy(status.getCause(), Withheld.class);
    }

    /** The cause of {@link #withheld}: the token was not sent over a plaintext connection. */
    public static final class Withheld extends Exception {
        Withheld() {
            super("the token is only sent over TLS or to loopback", null, false, false);
        }
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
