package org.reportviewer.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.reportviewer.client.CallDetails.Header;

/**
 * Records what the server says about one call besides its messages: a {@link ClientInterceptor} for
 * exactly one call (added to that call's stub), so nothing needs to match calls up afterwards. It
 * sees the headers and the close on the call's callback thread and publishes them through volatile
 * fields; the per-message path is untouched, so the capture costs nothing per chunk.
 */
final class CallCapture implements ClientInterceptor {

    /** Binary values are shown as base64, cut here: a header is for reading, not for copying blobs. */
    private static final int MAX_BINARY_CHARS = 64;

    private final String target;
    private final FetchRequest request;
    private final long startNanos;
    private volatile List<Header> headers = List.of();
    private volatile long headersNanos = -1;
    private volatile List<Header> trailers = List.of();
    private volatile List<String> errorDetails = List.of();
    /** As {@link ReportCall} ended the call: it may differ from the transport's (DATA_LOSS, INTERNAL). */
    private volatile Status finalStatus;

    CallCapture(String target, FetchRequest request, long startNanos) {
        this.target = target;
        this.request = request;
        this.startNanos = startNanos;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata requestHeaders) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onHeaders(Metadata received) {
                        headersNanos = System.nanoTime() - startNanos;
                        headers = entries(received);
                        super.onHeaders(received);
                    }

                    @Override
                    public void onClose(Status status, Metadata received) {
                        // Before the delegate: the stub's observer ends the ReportCall from inside it.
                        trailers = entries(received);
                        errorDetails = ErrorDetails.describe(status, received);
                        super.onClose(status, received);
                    }
                }, requestHeaders);
            }
        };
    }

    /** The status the call ended with, as its listener was told. */
    void finished(Status status) {
        finalStatus = status;
    }

    CallDetails snapshot(StreamStats stats) {
        Status end = finalStatus;
        return new CallDetails(target, request.reportId(), request.deadline(), request.startChunk(), headers,
                headersNanos, trailers, end == null ? null : end.getCode(), end == null ? "" : end.getDescription(),
                errorDetails, stats);
    }

    /** Entries by name (Metadata has no stable order), each value of a repeated key in the order sent. */
    static List<Header> entries(Metadata metadata) {
        List<Header> out = new ArrayList<>();
        for (String name : new TreeSet<>(metadata.keys())) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                for (byte[] v : metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
                    out.add(new Header(name, binary(v)));
                }
            } else {
                for (String v : metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
                    out.add(new Header(name, v));
                }
            }
        }
        return out;
    }

    private static String binary(byte[] value) {
        String b64 = Base64.getEncoder().encodeToString(value);
        return (b64.length() > MAX_BINARY_CHARS ? b64.substring(0, MAX_BINARY_CHARS) + "…" : b64)
                + " (" + value.length + " bytes)";
    }
}
