package org.reportviewer.server;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.reportviewer.format.TokenRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only with {@code authorization: Bearer <token>}; anything else ends as
 * UNAUTHENTICATED before the service sees it. Neither the expected nor a presented token is ever
 * logged or put in a status message.
 */
public final class BearerTokenAuth implements ServerInterceptor {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenAuth.class);

    /** Only a digest is kept, and compared in constant time: no timing hint about the token. */
    private final byte[] expectedDigest;

    /** @throws IllegalArgumentException when the token is empty or not visible ASCII */
    public BearerTokenAuth(String token) {
        checkToken(token);
        this.expectedDigest = sha256(token);
    }

    /**
     * The rule for tokens on both sides: 1-4096 visible ASCII characters.
     *
     * @throws IllegalArgumentException naming the rule, never the token
     */
    public static void checkToken(String token) {
        TokenRule.check(token);
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String problem = problem(headers.get(AUTHORIZATION));
        if (problem == null) {
            return next.startCall(call, headers);
        }
        LOG.warn("refused {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), problem);
        call.close(Status.UNAUTHENTICATED.withDescription(problem + "; this server requires a bearer token"),
                new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /** Why the header does not authenticate, or {@code null} when it does. */
    private String problem(String header) {
        if (header == null) {
            return "no authorization header";
        }
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the authorization header is not a Bearer token";
        }
        // Digests have a fixed length, so the comparison time does not depend on the presented token.
        if (!MessageDigest.isEqual(expectedDigest, sha256(header.substring(7).trim()))) {
            return "the bearer token is not valid";
        }
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
