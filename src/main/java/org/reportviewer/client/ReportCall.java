package org.reportviewer.client;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reportviewer.proto.ReportChunk;
import org.reportviewer.proto.ReportRequest;

/**
 * One report stream in flight: the handle returned by {@link ReportClient#fetch}. Checks that chunk
 * numbers are contiguous from the requested start, skips the chunks a resume already has when the
 * server ignores {@code start_chunk}, and paces the server with manual flow control.
 */
public final class ReportCall {

    private final FetchRequest request;
    private final ReportListener listener;
    private final Context.CancellableContext context;
    private final CompletableFuture<StreamResult> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private final CallCapture capture;

    // Written on the call's (serialized) callback thread; volatile for live snapshots.
    private volatile int chunks;
    private volatile long bytes;
    private volatile int totalChunks;
    private volatile int skipped;
    private volatile int gaps;
    private volatile long firstChunkNanos = -1;
    private volatile long endNanos = -1;

    ReportCall(FetchRequest request, ReportListener listener, Context.CancellableContext context, String target) {
        this.request = request;
        this.listener = listener;
        this.context = context;
        this.capture = new CallCapture(target, request, startNanos);
    }

    /**
     * Cancels the stream: safe from any thread, any number of times. The server sees the cancel; the
     * listener then gets {@code onFailed(CANCELLED)}.
     */
    public void cancel() {
        context.cancel(null);
    }

    /** Completes when the stream has ended, with OK or the failure; never exceptionally. */
    public CompletableFuture<StreamResult> result() {
        return result;
    }

    public FetchRequest request() {
        return request;
    }

    /** Live figures, from any thread. */
    public StreamStats stats() {
        long end = endNanos;
        long now = end >= 0 ? end : System.nanoTime();
        return new StreamStats(request.startChunk(), chunks, bytes, totalChunks, skipped, gaps, firstChunkNanos,
                now - startNanos);
    }

    /** The request, headers, trailers and final status so far, with live figures; from any thread. */
    public CallDetails details() {
        return capture.snapshot(stats());
    }

    /** Records this call's headers and trailers: the stub of this call must use it. */
    CallCapture capture() {
        return capture;
    }

    ReportRequest toProto() {
        return ReportRequest.newBuilder()
                .setReportId(request.reportId())
                .setStartChunk(request.startChunk())
                .build();
    }

    ClientResponseObserver<ReportRequest, ReportChunk> observer() {
        return new Observer();
    }

    private void finish(Status status) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        endNanos = System.nanoTime();
        capture.finished(status); // before the listener hears of it, so details() shows the end
        StreamStats stats = stats();
        try {
            if (status.isOk()) {
                listener.onCompleted(stats);
            } else {
                listener.onFailed(status, stats);
            }
        } finally {
            context.close(); // a CancellableContext must always be cancelled or closed, or it leaks
            result.complete(new StreamResult(status, stats));
        }
    }

    private final class Observer implements ClientResponseObserver<ReportRequest, ReportChunk> {
        private ClientCallStreamObserver<ReportRequest> call;
        private int consumedSinceRequest;
        private long bytesSinceRequest;
        private int expected = request.startChunk();

        @Override
        public void beforeStart(ClientCallStreamObserver<ReportRequest> requestStream) {
            this.call = requestStream;
            // Ask for a window of chunks, then more only as the listener consumes them.
            requestStream.disableAutoRequestWithInitial(request.prefetch());
        }

        @Override
        public void onNext(ReportChunk chunk) {
            if (finished.get()) {
                return;
            }
            if (firstChunkNanos < 0) {
                firstChunkNanos = System.nanoTime() - startNanos;
            }
            int number = chunk.getChunkNumber();
            if (number == expected) {
                deliver(chunk);
            } else if (number < request.startChunk() && number < expected) {
                skipped++; // a server that ignores start_chunk resends what we already have
            } else {
                gaps++;
                String what = number < expected ? "a repeated chunk " + number : "chunk " + number;
                abandon(Status.DATA_LOSS.withDescription("expected chunk " + expected + " but received " + what
                        + "; the report would be corrupt, so the stream was stopped"));
                return;
            }
            bytesSinceRequest += chunk.getData().size();
            if (++consumedSinceRequest >= Math.max(1, request.prefetch() / 2)) {
                // Replenish in batches: fewer flow-control calls than one request(1) per chunk. The
                // pacer may hold the request back (ClientCall.request may be called from any thread).
                int n = consumedSinceRequest;
                consumedSinceRequest = 0;
                long consumed = bytesSinceRequest;
                bytesSinceRequest = 0;
                request.pacer().pace(consumed, () -> {
                    if (!finished.get()) {
                        call.request(n);
                    }
                });
            }
        }

        private void deliver(ReportChunk chunk) {
            ByteString data = chunk.getData();
            if (chunk.getTotalChunks() > 0) {
                totalChunks = chunk.getTotalChunks();
            }
            try {
                listener.onChunk(chunk.getChunkNumber(), totalChunks, data);
            } catch (Exception e) {
                abandon(Status.INTERNAL.withDescription("could not handle chunk " + chunk.getChunkNumber() + ": "
                        + e.getMessage()).withCause(e));
                return;
            }
            expected++;
            chunks++;
            bytes += data.size();
        }

        private void abandon(Status status) {
            call.cancel(status.getDescription(), status.getCause());
            finish(status);
        }

        @Override
        public void onError(Throwable t) {
            finish(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            finish(Status.OK);
        }
    }
}
