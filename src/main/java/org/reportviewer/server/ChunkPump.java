package org.reportviewer.server;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reportviewer.proto.ReportChunk;

/**
 * Sends one report down one GenerateReport call, honouring flow control and cancellation.
 *
 * <ul>
 *   <li>Produces only while {@link ServerCallStreamObserver#isReady()}; the on-ready handler resumes
 *       it, so a slow client never makes the server buffer the report.</li>
 *   <li>Listens on the call's {@link Context}, which gRPC cancels on a separate executor: a cancel or
 *       passed deadline is seen before the next send, not when a send fails.</li>
 *   <li>All sending happens in {@link #drain()}, which runs on one thread at a time (a work-in-progress
 *       counter): ready signals, timer wake-ups and cancels only ask for another drain.</li>
 * </ul>
 */
final class ChunkPump {

    /** gRPC's own on-ready threshold ({@code AbstractStream.DEFAULT_ONREADY_THRESHOLD}). */
    static final int DEFAULT_READY_THRESHOLD = 32 << 10;
    /** However large the chunks, a stream never queues more than this before it waits. */
    static final int MAX_READY_THRESHOLD = 2 << 20;

    private final ServerCallStreamObserver<ReportChunk> call;
    private final Report report;
    private final String reportId;
    private final int startChunk;
    private final Context context;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final long startedNanos = System.nanoTime();

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean timerArmed = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile long cancelSeenNanos;
    private volatile int sentAtCancel;
    private volatile Status abortStatus;
    // Guards cancelNote against the drain thread finishing while stopReport is still inside
    // report.cancel(): the cancel wakes the blocked query, whose failure would otherwise be logged
    // before the note it was caused by.
    private final Object stopLock = new Object();
    private String cancelNote;

    // Written only inside drain(); volatile so metrics can read progress.
    private volatile int sent;
    private long bytes;
    private int next;
    private long nextDueNanos;
    private volatile boolean finished;

    ChunkPump(ServerCallStreamObserver<ReportChunk> call, Report report, String reportId, int startChunk,
            Executor executor, ScheduledExecutorService scheduler, ServerMetrics metrics, AccessLog accessLog) {
        this.call = call;
        this.report = report;
        this.reportId = reportId;
        this.startChunk = startChunk;
        this.next = startChunk;
        this.context = Context.current();
        this.executor = executor;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    /** Must run inside the call's handler (before it returns), as gRPC requires for the handlers. */
    void start() {
        metrics.streamStarted(this);
        // Setting a cancel handler also stops onNext from throwing once the call is cancelled.
        call.setOnCancelHandler(this::onCancel);
        call.setOnReadyHandler(this::drain);
        call.setOnReadyThreshold(readyThreshold(report.chunkBytes()));
        context.addListener(ctx -> onCancel(), Runnable::run);
        requestDrain();
    }

    int chunksSent() {
        return sent;
    }

    /** Ends the stream with {@code status} (server shutdown), from any thread. */
    void abort(Status status) {
        abortStatus = status;
        stopReport();
        requestDrain();
    }

    private void onCancel() {
        if (!cancelled) {
            sentAtCancel = sent;
            cancelSeenNanos = System.nanoTime();
            cancelled = true;
            stopReport();
            requestDrain();
        }
    }

    /** A report blocked in slow work (a query) is interrupted here, not when the drain thread gets to it. */
    private void stopReport() {
        synchronized (stopLock) {
            if (!finished) {
                String note = report.cancel();
                if (note != null) {
                    cancelNote = note;
                }
            }
        }
    }

    private void requestDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the server is shutting down: finish on this thread
        }
    }

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                produce();
            } catch (StatusRuntimeException e) {
                finish(e.getStatus()); // onNext on a call cancelled under our feet
            } catch (StatusException e) {
                failUnlessStopped(e.getStatus());
            } catch (Exception | Error e) {
                failUnlessStopped(Status.INTERNAL.withDescription("could not produce report '" + reportId + "': "
                        + e.getMessage()).withCause(e));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void produce() throws Exception {
        while (!finished) {
            if (cancelled || context.isCancelled()) {
                finish(cancelStatus());
                return;
            }
            if (abortStatus != null) {
                fail(abortStatus);
                return;
            }
            if (!call.isReady()) {
                return; // the on-ready handler calls drain() again
            }
            long delay = report.delayNanos();
            if (delay > 0 && sent > 0) {
                long wait = nextDueNanos - System.nanoTime();
                if (wait > 0) {
                    armTimer(wait);
                    return;
                }
            }
            ByteString data = report.chunk(next);
            if (data == null) {
                if (sent == 0 && startChunk > 0) {
                    fail(Status.OUT_OF_RANGE.withDescription(
                            "start_chunk " + startChunk + " is beyond the end of report '" + reportId + "'"));
                } else {
                    call.onCompleted();
                    finish(Status.OK);
                }
                return;
            }
            call.onNext(ReportChunk.newBuilder()
                    .setData(data)
                    .setChunkNumber(next)
                    .setTotalChunks(report.totalChunks())
                    .build());
            next++;
            bytes += data.size();
            sent++;
            if (delay > 0) {
                nextDueNanos = System.nanoTime() + delay;
            }
        }
    }

    /**
     * Lets about two chunks queue before the stream reports "not ready". gRPC's default threshold
     * (32 KiB) is below one 64 KiB chunk, so every send made the stream unready and the next chunk
     * waited for an on-ready callback: a thread hand-off per chunk. Two chunks keep the transport busy
     * while this thread renders the next one, and still bound what a stream may queue (and what is in
     * flight when a cancel arrives) to two chunks. gRPC takes the threshold only before the handler
     * returns, so it comes from the report's announced chunk size.
     */
    static int readyThreshold(int chunkBytes) {
        return Math.min(MAX_READY_THRESHOLD, Math.max(DEFAULT_READY_THRESHOLD, 2 * chunkBytes));
    }

    private void armTimer(long waitNanos) {
        if (timerArmed.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    timerArmed.set(false);
                    requestDrain();
                }, waitNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                timerArmed.set(false);
                cancelled = true; // shutting down; the next drain finishes the call
            }
        }
    }

    /** A report interrupted by a cancel or shutdown fails because of it: report the cancel, not the error. */
    private void failUnlessStopped(Status status) {
        if (cancelled || context.isCancelled()) {
            finish(cancelStatus());
        } else if (abortStatus != null) {
            fail(abortStatus);
        } else {
            fail(status);
        }
    }

    private Status cancelStatus() {
        Throwable cause = context.cancellationCause();
        if (cause instanceof TimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription("deadline passed");
        }
        return Status.CANCELLED.withDescription("cancelled by the client");
    }

    private void fail(Status status) {
        try {
            call.onError(status.asRuntimeException());
        } catch (RuntimeException ignored) {
            // the call is already closed (cancelled meanwhile): nothing left to tell the client
        }
        finish(status);
    }

    private void finish(Status status) {
        String note;
        synchronized (stopLock) {
            if (finished) {
                return;
            }
            finished = true;
            note = cancelNote;
        }
        try {
            report.close();
        } catch (Exception ignored) {
            // closing a read-only source; nothing the client can act on
        }
        boolean wasCancelled = cancelled;
        String description = status.getDescription();
        if (note != null && status.getCode() != Status.Code.OK) {
            description = description == null ? note : description + "; " + note;
        }
        CallRecord record = new CallRecord(reportId, startChunk, sent, bytes, status.getCode(),
                description, System.nanoTime() - startedNanos,
                wasCancelled ? sent - sentAtCancel : 0,
                wasCancelled ? System.nanoTime() - cancelSeenNanos : -1);
        accessLog.log(record);
        metrics.streamFinished(this, record);
    }
}
