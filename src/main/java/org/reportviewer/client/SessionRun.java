package org.reportviewer.client;

import java.util.concurrent.CompletableFuture;

/**
 * The state of one run of a {@link ReportSession}: its attempts, backoff and cancel. Fields several
 * threads meet on (the canceller, the call's callback thread, the backoff timer) are guarded by the
 * run itself or volatile.
 */
final class SessionRun {
    final ReportClient client;
    final long startNanos;
    final CompletableFuture<SessionSnapshot> done = new CompletableFuture<>();
    String cancelReason;
    ReportCall call;
    CompletableFuture<Void> retryTimer;
    boolean ended;
    volatile boolean waiting;
    volatile long attemptChunks;
    volatile boolean droppedAfterCancel;
    volatile boolean sinkFailure;
    long chunksBeforeAttempt;
    int failuresInRow;

    SessionRun(ReportClient client, long startNanos) {
        this.client = client;
        this.startNanos = startNanos;
    }

    synchronized boolean cancelled() {
        return cancelReason != null;
    }
}
