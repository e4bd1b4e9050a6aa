package org.reportviewer.bench;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.reportviewer.client.Channels;
import org.reportviewer.client.KeepAlive;
import org.reportviewer.client.Target;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.proto.ReportServiceGrpc;

/**
 * The floor of a grpc-java client on this machine (issue 12, small chunks): one GenerateReport call
 * that asks for every message at once and throws each response away unread (its bytes skipped, no
 * parse, no sink, no flow-control batching of ours) — what is left is grpc-java's own per-message
 * path. Compared with our {@code fetch} and the seed's Go client on the same Go server, it says how
 * much of our client's cost per message is ours and how much a grpc-java client cannot avoid.
 *
 * <p>Usage: {@code BareClientFloor HOST:PORT REPORT_ID [stock|tuned]}: {@code stock} is a plain
 * NettyChannelBuilder with a direct executor; {@code tuned} is our {@link Channels#plaintext}
 * channel with callbacks on the transport thread (DATA frames joined, leak sampling and the
 * transport tracer off). Prints one line: messages, bytes skipped, milliseconds from call to end.
 */
public final class BareClientFloor {

    private BareClientFloor() {}

    /** What one call did: messages, their serialized bytes skipped unread, its time and how it ended. */
    record Outcome(long messages, long skippedBytes, long millis, Status status) {}

    public static void main(String[] args) throws Exception {
        boolean tuned = args.length < 3 || args[2].equals("tuned");
        Outcome o = run(Target.parse(args[0]), args[1], tuned);
        System.out.printf("messages=%d skipped_bytes=%d total_ms=%d status=%s channel=%s%n", o.messages(),
                o.skippedBytes(), o.millis(), o.status().getCode(), tuned ? "tuned" : "stock");
        if (!o.status().isOk()) {
            System.exit(1);
        }
    }

    /** One GenerateReport call of {@code reportId} on a channel of its own, closed before returning. */
    static Outcome run(Target target, String reportId, boolean tuned) throws InterruptedException {
        ManagedChannel channel = tuned ? Channels.plaintext(target, KeepAlive.configured(), true)
                : NettyChannelBuilder.forAddress(target.host(), target.port()).usePlaintext().directExecutor()
                        .maxInboundMessageSize(Channels.MAX_INBOUND_MESSAGE).build();
        try {
            MethodDescriptor<ReportRequest, Long> method = ReportServiceGrpc.getGenerateReportMethod().toBuilder(
                    ReportServiceGrpc.getGenerateReportMethod().getRequestMarshaller(), new Skipping()).build();
            // Written by the transport thread, read after the latch: the latch orders them.
            long[] counts = new long[2];
            Status[] end = new Status[1];
            CountDownLatch done = new CountDownLatch(1);
            long start = System.nanoTime();
            ClientCall<ReportRequest, Long> call = channel.newCall(method, CallOptions.DEFAULT);
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(Long skipped) {
                    counts[0]++;
                    counts[1] += skipped;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    end[0] = status;
                    done.countDown();
                }
            }, new Metadata());
            call.request(Integer.MAX_VALUE);
            call.sendMessage(ReportRequest.newBuilder().setReportId(reportId).build());
            call.halfClose();
            done.await();
            return new Outcome(counts[0], counts[1], (System.nanoTime() - start) / 1_000_000, end[0]);
        } finally {
            Channels.shutdown(channel);
        }
    }

    /** Reads nothing: skips the message's bytes and returns how many it skipped. */
    private static final class Skipping implements MethodDescriptor.Marshaller<Long> {
        @Override
        public InputStream stream(Long value) {
            throw new UnsupportedOperationException("responses only");
        }

        @Override
        public Long parse(InputStream in) {
            try {
                return in.skip(Long.MAX_VALUE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
