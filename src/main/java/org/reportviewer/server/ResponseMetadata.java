package org.reportviewer.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import org.reportviewer.proto.ReportRequest;

/**
 * Says in metadata who answered and how much was sent, for clients that show it (the viewer's call
 * inspector, {@code grpcurl -v}, proxies' logs): response headers {@code x-report-id} (the id the
 * server understood) and {@code x-server-version}, and the trailer {@code x-chunks-sent}. A call the
 * server refuses before any chunk has no headers of its own (gRPC answers with trailers only), so
 * then the header entries go in the trailers.
 */
final class ResponseMetadata implements ServerInterceptor {

    static final Metadata.Key<String> REPORT_ID = Metadata.Key.of("x-report-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> SERVER_VERSION =
            Metadata.Key.of("x-server-version", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> CHUNKS_SENT = Metadata.Key.of("x-chunks-sent", Metadata.ASCII_STRING_MARSHALLER);
    /** Ids are at most 1 KiB (longer ones are refused); never let an echo outgrow a client's header limit. */
    private static final int MAX_ECHO = 3 << 10;

    private final String serverVersion;

    ResponseMetadata(String serverVersion) {
        this.serverVersion = "report-viewer/" + serverVersion;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        AnnotatedCall<Q, R> annotated = new AnnotatedCall<>(call);
        return new SimpleForwardingServerCallListener<>(next.startCall(annotated, headers)) {
            @Override
            public void onMessage(Q message) {
                // Before the delegate: a server-streaming handler runs from the messages it is given.
                if (message instanceof ReportRequest r) {
                    annotated.reportId = encode(r.getReportId());
                }
                super.onMessage(message);
            }
        };
    }

    /**
     * Header values must be printable ASCII: other bytes of the UTF-8 id (and {@code %} itself) are
     * written {@code %XX}, as gRPC does for {@code grpc-message}.
     */
    static String encode(String id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x20 || c > 0x7e || c == '%') {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                b.append((char) c);
            }
        }
        return b.length() > MAX_ECHO ? null : b.toString();
    }

    private final class AnnotatedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private volatile String reportId;
        // ServerCall's methods are called one at a time (gRPC's rule); the counter needs no lock.
        private volatile int chunks;
        private volatile boolean headersSent;

        AnnotatedCall(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            addHeaders(headers);
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void sendMessage(R message) {
            chunks++;
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!headersSent) {
                addHeaders(trailers);
            }
            trailers.put(CHUNKS_SENT, Integer.toString(chunks));
            super.close(status, trailers);
        }

        private void addHeaders(Metadata md) {
            String id = reportId;
            if (id != null) {
                md.put(REPORT_ID, id);
            }
            md.put(SERVER_VERSION, serverVersion);
        }
    }
}
