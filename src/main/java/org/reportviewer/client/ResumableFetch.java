package org.reportviewer.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches one report into a {@link ChunkSink}, reconnecting after failures that a retry can cure.
 * Every attempt asks for {@code start_chunk} = the sink's next missing chunk, so the data ends up
 * exactly as one uninterrupted stream would have delivered it (the client skips the chunks a server
 * that ignores {@code start_chunk} sends again).
 *
 * <p>{@link #run()} blocks the calling thread (a CLI main thread, or a UI's background worker);
 * {@link #cancel()} is safe from any thread. No JavaFX types, so the desktop app reuses it.
 */
public final class ResumableFetch {

    /** Told how the run goes; {@link #onChunk} comes on a gRPC thread, one call at a time. */
    public interface Progress {
        /** After chunk {@code chunkNumber} was handed to the sink. */
        default void onChunk(int chunkNumber, int totalChunks, int chunksThisRun, long bytesHeld) {}

        /** Before waiting {@code delay} to reconnect after {@code failure}. */
        default void onRetry(int retry, int maxRetries, Status failure, Duration delay) {}
    }

    private final ReportClient client;
    private final String reportId;
    private final ChunkSink sink;
    private final RetryPolicy policy;
    private final Duration deadline;
    private final int prefetch;
    private final Runnable beforeRetry;
    private final Progress progress;

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicReference<String> cancelReason = new AtomicReference<>();
    private volatile ReportCall current;
    private volatile long startNanos;
    // Written on gRPC threads, one attempt at a time; read by run() after each attempt has ended.
    private volatile int chunks;
    private volatile long bytes;
    private volatile long firstChunkNanos = -1;
    private volatile IOException sinkFailure;
    private volatile boolean droppedAfterCancel;

    /**
     * @param deadline for the whole run, retries included; {@code null} for none
     * @param beforeRetry runs before each reconnect, e.g. {@code ManagedChannel::resetConnectBackoff}
     *     so the channel's own (slower) reconnect backoff does not add to ours; may be {@code null}
     * @param progress may be {@code null}
     */
    public ResumableFetch(ReportClient client, String reportId, ChunkSink sink, RetryPolicy policy, Duration deadline,
            int prefetch, Runnable beforeRetry, Progress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadline = deadline;
        this.prefetch = prefetch;
        this.beforeRetry = beforeRetry == null ? () -> {} : beforeRetry;
        this.progress = progress == null ? new Progress() {} : progress;
    }

    /** Stops the run from any thread: the stream in flight is cancelled and no retry follows. */
    public void cancel() {
        cancel("cancelled by the client");
    }

    /** {@link #cancel()}, with the reason the outcome's CANCELLED status should give (the first one wins). */
    public void cancel(String reason) {
        cancelReason.compareAndSet(null, reason);
        cancelled.countDown();
        ReportCall call = current;
        if (call != null) {
            call.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /**
     * Runs to the end: the report complete (sink finished), or a final failure (sink abandoned, so a
     * later run can resume it). An interrupt of the calling thread acts as {@link #cancel()}.
     */
    public FetchOutcome run() {
        startNanos = System.nanoTime();
        int gaps = 0;
        int retries = 0;
        int failuresInRow = 0;
        Status status;
        while (true) {
            if (sink.complete()) {
                status = Status.OK; // e.g. a resumed file that already holds every chunk
                break;
            }
            Duration remaining = null;
            if (deadline != null) {
                remaining = deadline.minusNanos(System.nanoTime() - startNanos);
                if (remaining.isNegative() || remaining.isZero()) {
                    status = Status.DEADLINE_EXCEEDED.withDescription("the deadline of " + deadline.toMillis()
                            + " ms passed before the report was complete");
                    break;
                }
            }
            int chunksBefore = chunks;
            StreamResult result = attempt(
                    new FetchRequest(reportId, sink.nextChunk(), remaining, prefetch, Pacer.NONE));
            gaps += result.stats().gaps();
            status = result.status();
            if (status.isOk() && droppedAfterCancel) {
                // The server finished before it saw the cancel, but the sink did not take everything.
                status = Status.CANCELLED.withDescription("cancelled; chunks that arrived after the cancel were not kept");
            }
            if (status.isOk() || sinkFailure != null || isCancelled()
                    || !RetryPolicy.retryable(status.getCode())) {
                break;
            }
            if (chunks > chunksBefore) {
                failuresInRow = 0; // it made progress: this is a new outage, with a fresh budget and backoff
            }
            if (++failuresInRow > policy.maxRetries()) {
                break;
            }
            Duration delay = policy.backoff(failuresInRow);
            progress.onRetry(failuresInRow, policy.maxRetries(), status, delay);
            if (sleep(delay)) {
                break; // cancelled while waiting: report the failure that stopped the stream
            }
            retries++;
            beforeRetry.run();
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadline != null) {
            // gRPC's words are for gRPC developers ("CallOptions deadline exceeded after 0.17s. Name resolution …").
            status = Status.DEADLINE_EXCEEDED.withDescription("the deadline of " + deadline.toMillis()
                    + " ms passed before the report was complete");
        }
        if (isCancelled() && !status.isOk()) {
            // Our own cancel: say why in our words, not gRPC's ("Context was cancelled without error").
            status = Status.CANCELLED.withDescription(status.getCode() == Status.Code.CANCELLED ? cancelReason.get()
                    : cancelReason.get() + " while waiting to reconnect after " + status.getCode()
                            + (status.getDescription() == null ? "" : ": " + status.getDescription()));
        }
        status = settleSink(status);
        return new FetchOutcome(status, chunks, bytes, firstChunkNanos, System.nanoTime() - startNanos, gaps,
                retries, sink.nextChunk(), isCancelled());
    }

    private StreamResult attempt(FetchRequest request) {
        ReportCall call;
        synchronized (this) {
            if (isCancelled()) {
                return new StreamResult(Status.CANCELLED.withDescription("cancelled before the stream started"),
                        new StreamStats(request.startChunk(), 0, 0, 0, 0, 0, -1, 0));
            }
            call = client.fetch(request, new SinkListener());
            current = call;
        }
        if (isCancelled()) {
            call.cancel(); // cancel() may have run between the check and publishing the call
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.result().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel("interrupted"); // wait on: the sink must not be touched while a gRPC thread may write to it
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a report call result never fails", e);
                }
            }
        } finally {
            current = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits before a retry; true when cancelled meanwhile. */
    private boolean sleep(Duration delay) {
        try {
            return cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("interrupted");
            return true;
        }
    }

    private Status settleSink(Status status) {
        try {
            if (status.isOk()) {
                sink.finish();
            } else {
                sink.abandon();
            }
            return status;
        } catch (IOException e) {
            String what = status.isOk() ? "the report arrived but could not be saved: "
                    : "the stream failed (" + status.getCode() + ") and the partial report could not be kept: ";
            return Status.INTERNAL.withDescription(what + e.getMessage()).withCause(e);
        }
    }

    private final class SinkListener implements ReportListener {
        @Override
        public void onChunk(int chunkNumber, int totalChunks, ByteString data) throws IOException {
            if (isCancelled()) {
                droppedAfterCancel = true; // already asked to stop: a chunk still in flight is not kept
                return;
            }
            try {
                sink.write(chunkNumber, totalChunks, data);
            } catch (IOException e) {
                sinkFailure = e; // a local problem: retrying the server would not help
                throw e;
            }
            if (firstChunkNanos < 0) {
                firstChunkNanos = System.nanoTime() - startNanos;
            }
            chunks++;
            bytes += data.size();
            progress.onChunk(chunkNumber, sink.totalChunks(), chunks, sink.bytes());
        }

        @Override
        public void onCompleted(StreamStats stats) {}

        @Override
        public void onFailed(Status status, StreamStats stats) {}
    }
}
