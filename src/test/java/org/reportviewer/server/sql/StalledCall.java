package org.reportviewer.server.sql;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.reportviewer.proto.ReportRequest;
import org.reportviewer.testing.RawCalls;

/** A client that asks for one chunk and then reads nothing more: gRPC flow control must stop the server. */
final class StalledCall {

    final CountDownLatch firstChunk = new CountDownLatch(1);
    final AtomicInteger received = new AtomicInteger();
    final CompletableFuture<Status> closed = new CompletableFuture<>();

    static StalledCall start(Channel channel, String id) {
        StalledCall s = new StalledCall();
        ClientCall<byte[], byte[]> call = channel.newCall(RawCalls.GENERATE_REPORT, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
                s.received.incrementAndGet();
                s.firstChunk.countDown(); // and never request another
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                s.closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(ReportRequest.newBuilder().setReportId(id).build().toByteArray());
        call.halfClose();
        return s;
    }

    void awaitFirstChunk() throws InterruptedException {
        if (!firstChunk.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("no first chunk");
        }
    }
}
