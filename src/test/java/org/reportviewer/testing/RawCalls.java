package org.reportviewer.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.server.RawBytes;

/**
 * Calls {@code ReportService/GenerateReport} with hand-made request bytes, bypassing the generated
 * stub, so tests can send what no well-behaved client would: invalid UTF-8, garbage, truncated fields.
 */
public final class RawCalls {

    public static final MethodDescriptor<byte[], byte[]> GENERATE_REPORT = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
            .setFullMethodName("ReportService/GenerateReport")
            .setRequestMarshaller(RawBytes.INSTANCE)
            .setResponseMarshaller(RawBytes.INSTANCE)
            .build();

    /** A response's {@code data}; {@code null} when the response is not a ReportChunk. */
    private static byte[] data(byte[] message) {
        try {
            return ReportChunk.parseFrom(message).getData().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * How a raw call ended: the status, the response messages, the report bytes they carried and the
     * first message's data (empty when none came).
     */
    public record Outcome(Status status, int messages, long bytes, byte[] firstData) {
        public Status.Code code() {
            return status.getCode();
        }

        @Override
        public String toString() {
            return status.getCode() + " (" + status.getDescription() + ") after " + messages + " messages";
        }
    }

    private RawCalls() {}

    /**
     * Starts a call with {@code request} as the whole request message; the future completes when it
     * ends. When {@code cancelAfter} messages have arrived the call is cancelled (0 = never).
     */
    public static CompletableFuture<Outcome> start(Channel channel, byte[] request, long deadlineMillis,
            int cancelAfter) {
        return start(channel, List.of(request), deadlineMillis, cancelAfter);
    }

    /** Like {@link #start(Channel, byte[], long, int)} with any number of request messages, even none. */
    public static CompletableFuture<Outcome> start(Channel channel, List<byte[]> requests, long deadlineMillis,
            int cancelAfter) {
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(GENERATE_REPORT,
                CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS));
        call.start(new ClientCall.Listener<>() {
            private int messages;
            private long bytes;
            private byte[] first = new byte[0];

            @Override
            public void onMessage(byte[] message) {
                messages++;
                byte[] d = data(message);
                bytes += d == null ? -1 : d.length;
                if (messages == 1 && d != null) {
                    first = d;
                }
                if (cancelAfter > 0 && messages >= cancelAfter) {
                    call.cancel("the test read enough", null);
                } else {
                    call.request(1);
                }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                out.complete(new Outcome(status, messages, bytes, first));
            }
        }, new Metadata());
        call.request(1);
        requests.forEach(call::sendMessage);
        call.halfClose();
        return out;
    }

    /** Runs a call to the end (reading everything) and returns how it ended. */
    public static Outcome call(Channel channel, byte[] request, long deadlineMillis) {
        return await(start(channel, request, deadlineMillis, 0), deadlineMillis);
    }

    /** A call that half-closes without sending any request message. */
    public static Outcome callWithoutMessage(Channel channel, long deadlineMillis) {
        return await(start(channel, List.of(), deadlineMillis, 0), deadlineMillis);
    }

    private static Outcome await(CompletableFuture<Outcome> outcome, long deadlineMillis) {
        try {
            return outcome.get(deadlineMillis + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the raw call did not end: " + e, e);
        }
    }
}
