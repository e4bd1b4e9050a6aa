package org.reportviewer.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The blocking face of a {@link ReportSession} for the CLI: one run into a {@link ChunkSink},
 * reconnecting after failures that a retry can cure, and a {@link FetchOutcome} at the end. All the
 * resume logic (next missing chunk, skipping resent chunks, totals, backoff) is the session's.
 *
 * <p>{@link #run()} blocks the calling thread; {@link #cancel()} is safe from any thread.
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
    private final ReportSession session;

    /**
     * @param deadline for the whole run, retries included; {@code null} for none
     * @param beforeRetry runs before each reconnect, e.g. {@code ManagedChannel::resetConnectBackoff}
     *     so the channel's own (slower) reconnect backoff does not add to ours; may be {@code null}
     * @param progress may be {@code null}
     */
    public ResumableFetch(ReportClient client, String reportId, ChunkSink sink, RetryPolicy policy, Duration deadline,
            int prefetch, Runnable beforeRetry, Progress progress) {
        this.client = Objects.requireNonNull(client, "client");
        Progress p = progress == null ? new Progress() {} : progress;
        this.session = new ReportSession(reportId, sink,
                new SessionOptions(policy, deadline, prefetch, Pacer.NONE, beforeRetry), new ReportSession.Progress() {
                    @Override
                    public void onChunk(int chunkNumber, int totalChunks, long chunksThisRun, long bytesHeld) {
                        p.onChunk(chunkNumber, totalChunks, (int) chunksThisRun, bytesHeld);
                    }

                    @Override
                    public void onRetry(int retry, int maxRetries, Status failure, Duration delay) {
                        p.onRetry(retry, maxRetries, failure, delay);
                    }
                }, null, null);
    }

    /** Stops the run from any thread: the stream in flight is cancelled and no retry follows. */
    public void cancel() {
        cancel("cancelled by the client");
    }

    /** {@link #cancel()}, with the reason the outcome's CANCELLED status should give (the first one wins). */
    public void cancel(String reason) {
        cancelRequested = true;
        session.cancel(reason);
    }

    public boolean isCancelled() {
        return cancelRequested;
    }

    private volatile boolean cancelRequested;

    /**
     * Runs to the end: the report complete (sink finished), or a final failure (sink abandoned, so a
     * later run can resume it). An interrupt of the calling thread acts as {@link #cancel()}.
     */
    public FetchOutcome run() {
        CompletableFuture<SessionSnapshot> ended = session.start(client);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return outcome(ended.get());
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel("interrupted"); // wait on: the sink must not be touched while a gRPC thread may write to it
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a report session never fails its future", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FetchOutcome outcome(SessionSnapshot s) {
        return new FetchOutcome(s.status(), (int) s.chunks(), s.bytes(), s.firstChunkNanos(), s.elapsedNanos(),
                s.gaps(), s.retries(), s.nextChunk(), cancelRequested);
    }
}
