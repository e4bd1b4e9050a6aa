package org.reportviewer.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One report fetched into a {@link ChunkSink}, asynchronously, over as many calls as it takes: the
 * one resume implementation of the app (the window's tabs and, through {@link ResumableFetch}, the
 * CLI). Every call asks for {@code start_chunk} = the sink's next missing chunk, and {@link ReportCall}
 * skips what a server that ignores it sends again, so the data ends up exactly as one uninterrupted
 * stream would have delivered it.
 *
 * <p>A <em>run</em> ({@link #start}, then {@link #resume} after it ended) retries failures a retry can
 * cure under its {@link RetryPolicy}, within its deadline. Running totals, time to first chunk and
 * the rate window span all runs. State is published as immutable {@link SessionSnapshot}s: latest
 * wins, at most one pending task on the snapshot executor (see {@link LatestWins}).
 *
 * <p>Threading: chunks are written to the sink on the gRPC callback thread (the next chunk is asked
 * for only after that returns, so a slow sink slows the server, not memory). {@link #cancel} is safe
 * from any thread. The sink is settled ({@code finish} or {@code abandon}) when a run ends.
 */
public final class ReportSession {

    /** Told of every chunk and retry on the thread it happens on: for per-chunk work (a CLI bar). */
    public interface Progress {
        /** After chunk {@code chunkNumber} was handed to the sink. */
        default void onChunk(int chunkNumber, int totalChunks, long chunksThisRun, long bytesHeld) {}

        /** Before waiting {@code delay} to reconnect after {@code failure}. */
        default void onRetry(int retry, int maxRetries, Status failure, Duration delay) {}
    }

    /**
     * Endings after which the rest of the report can still be fetched by another run: what a retry
     * may cure, a passed deadline, or a cancel. NOT_FOUND, INVALID_ARGUMENT, DATA_LOSS and the like
     * would fail the same way again.
     */
    private static final Set<Status.Code> RESUMABLE = EnumSet.of(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED);

    private final String reportId;
    private final ChunkSink sink;
    private final SessionOptions options;
    private final Progress progress;
    private final LongSupplier clock;
    private final LatestWins<SessionSnapshot> snapshots;
    private final RateMeter rates = new RateMeter(RateMeter.DEFAULT_WINDOW_NANOS);
    private final RateHistory rateHistory = new RateHistory();
    /** The latest call (attempt) of the session, for its headers, trailers and status. */
    private volatile ReportCall latestCall;

    private volatile SessionRun current;
    /** A cancel asked before the first run: that run ends at once with it. */
    private String cancelledBeforeStart;
    // Written by the one attempt in flight (its callback thread), read anywhere: volatile counters.
    private volatile long chunks;
    private volatile long bytes;
    private volatile long firstChunkNanos = -1;
    private volatile int gaps;
    private volatile int retries;
    private volatile int skipped;
    // Changed only when a run starts or ends (under this).
    private volatile long firstStartNanos = -1;
    private long elapsedBeforeRun;
    private int runs;
    private int resumedAt = -1;
    private Status lastStatus;
    private CompletableFuture<SessionSnapshot> lastRun = CompletableFuture.completedFuture(null);

    /**
     * @param snapshotExecutor where {@code onSnapshot} runs (the UI thread); {@code null} with it for none
     * @param onSnapshot gets the latest snapshot after changes, coalesced; may be {@code null}
     * @param progress per-chunk and retry callbacks; may be {@code null}
     */
    public ReportSession(String reportId, ChunkSink sink, SessionOptions options, Progress progress,
            Executor snapshotExecutor, Consumer<SessionSnapshot> onSnapshot) {
        this(reportId, sink, options, progress, snapshotExecutor, onSnapshot, System::nanoTime);
    }

    ReportSession(String reportId, ChunkSink sink, SessionOptions options, Progress progress,
            Executor snapshotExecutor, Consumer<SessionSnapshot> onSnapshot, LongSupplier clock) {
        this.reportId = Objects.requireNonNull(reportId, "reportId");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = progress == null ? new Progress() {} : progress;
        this.clock = clock;
        this.snapshots = onSnapshot == null ? null : new LatestWins<>(snapshotExecutor, this::snapshot, onSnapshot);
    }

    /** Whether a stream that ended with {@code code} can be continued by {@link #resume}. */
    public static boolean resumable(Status.Code code) {
        return RetryPolicy.retryable(code) || RESUMABLE.contains(code);
    }

    /**
     * Starts the first run from the sink's next chunk.
     *
     * @return completes with the final snapshot when the run has ended (and the sink is settled)
     * @throws IllegalStateException when the session has already started
     */
    public CompletableFuture<SessionSnapshot> start(ReportClient client) {
        synchronized (this) {
            if (runs > 0) {
                throw new IllegalStateException("the session has already started; resume it instead");
            }
        }
        return begin(client, false);
    }

    /**
     * Another run after the last one ended early, from the first chunk the sink lacks, through
     * {@code client} (the same server or another one that serves the report).
     *
     * @throws IllegalStateException when never started, still running, or complete
     */
    public CompletableFuture<SessionSnapshot> resume(ReportClient client) {
        synchronized (this) {
            if (runs == 0 || current != null || (lastStatus != null && lastStatus.isOk())) {
                throw new IllegalStateException(runs == 0 ? "the session has not started"
                        : current != null ? "the session is still running" : "the report is complete");
            }
        }
        return begin(client, true);
    }

    private CompletableFuture<SessionSnapshot> begin(ReportClient client, boolean resume) {
        SessionRun run;
        synchronized (this) {
            long now = clock.getAsLong();
            run = new SessionRun(Objects.requireNonNull(client, "client"), now);
            run.cancelReason = cancelledBeforeStart;
            cancelledBeforeStart = null;
            runs++;
            if (resume) {
                resumedAt = sink.nextChunk();
            }
            if (firstStartNanos < 0) {
                firstStartNanos = now;
            }
            lastStatus = null;
            current = run;
            lastRun = run.done;
            rates.reset(now, chunks, bytes);
            rateHistory.restartAt(now, bytes);
        }
        attempt(run);
        return run.done;
    }

    /** Stops the run in flight from any thread: the call is cancelled and no retry follows. */
    public void cancel() {
        cancel("cancelled by the client");
    }

    /** {@link #cancel()}, with the reason the CANCELLED status should give (the first one wins). */
    public void cancel(String reason) {
        SessionRun run;
        synchronized (this) {
            run = current;
            if (run == null) {
                if (runs == 0 && cancelledBeforeStart == null) {
                    cancelledBeforeStart = reason;
                }
                return;
            }
        }
        ReportCall call;
        CompletableFuture<Void> timer;
        synchronized (run) {
            if (run.cancelReason != null) {
                return;
            }
            run.cancelReason = reason;
            call = run.call;
            timer = run.retryTimer;
        }
        if (call != null) {
            call.cancel();
        }
        if (timer != null) {
            timer.complete(null); // stop waiting for the backoff: end now
        }
        changed();
    }

    /** Completes when the current (or last) run has ended; at once when none ever started. */
    public synchronized CompletableFuture<SessionSnapshot> whenEnded() {
        return lastRun;
    }

    /** The state now, from any thread. */
    public synchronized SessionSnapshot snapshot() {
        SessionRun run = current;
        long now = clock.getAsLong();
        long c = chunks;
        long b = bytes;
        SessionSnapshot.Phase phase;
        long elapsed = elapsedBeforeRun;
        double bps;
        double cps;
        if (run != null) {
            phase = run.waiting ? SessionSnapshot.Phase.WAITING_TO_RETRY
                    : run.attemptChunks > 0 ? SessionSnapshot.Phase.STREAMING : SessionSnapshot.Phase.CONNECTING;
            elapsed += now - run.startNanos;
            rates.sample(now, c, b);
            rateHistory.record(now, b);
            bps = rates.bytesPerSecond();
            cps = rates.chunksPerSecond();
        } else {
            phase = lastStatus == null ? SessionSnapshot.Phase.IDLE : lastStatus.isOk() ? SessionSnapshot.Phase.COMPLETED
                    : lastStatus.getCode() == Status.Code.CANCELLED ? SessionSnapshot.Phase.CANCELLED
                    : SessionSnapshot.Phase.FAILED;
            // An ended session shows its average over every run: a live rate only means something live.
            double seconds = elapsed / 1e9;
            bps = seconds <= 0 ? 0 : b / seconds;
            cps = seconds <= 0 ? 0 : c / seconds;
        }
        long first = firstChunkNanos;
        return new SessionSnapshot(reportId, phase, lastStatus, runs, resumedAt, sink.nextChunk(), sink.totalChunks(),
                c, b, first, elapsed, bps, cps, gaps, retries, skipped, run != null && run.cancelled(),
                latestCall == null ? null : latestCall.details());
    }

    /** The byte rate of the last 30 s while running, sampled with each snapshot: for a live chart. */
    public RateHistory rateHistory() {
        return rateHistory;
    }

    /** The coalescer's drain count: what the snapshots cost the snapshot executor. */
    public long snapshotDrains() {
        return snapshots == null ? 0 : snapshots.drainCount();
    }

    private void changed() {
        if (snapshots != null) {
            snapshots.changed();
        }
    }

    // --- one run: attempts, backoff, end ---

    private void attempt(SessionRun run) {
        if (sink.complete()) {
            end(run, Status.OK); // e.g. a resumed file that already holds every chunk
            return;
        }
        Duration remaining = null;
        if (options.deadline() != null) {
            remaining = options.deadline().minusNanos(clock.getAsLong() - run.startNanos);
            if (remaining.isNegative() || remaining.isZero()) {
                end(run, Status.DEADLINE_EXCEEDED.withDescription("the deadline of " + options.deadline().toMillis()
                        + " ms passed before the report was complete"));
                return;
            }
        }
        FetchRequest request = new FetchRequest(reportId, sink.nextChunk(), remaining, options.prefetch(),
                options.pacer());
        ReportCall call;
        synchronized (run) {
            if (run.cancelled()) {
                call = null;
            } else {
                run.waiting = false;
                run.retryTimer = null;
                run.attemptChunks = 0;
                run.chunksBeforeAttempt = chunks;
                call = run.client.fetch(request, new SinkListener(run));
                run.call = call;
                latestCall = call;
            }
        }
        if (call == null) {
            end(run, Status.CANCELLED.withDescription("cancelled before the stream started"));
            return;
        }
        changed();
        call.result().whenComplete((result, never) -> afterAttempt(run, result));
    }

    private void afterAttempt(SessionRun run, StreamResult result) {
        synchronized (run) {
            run.call = null;
        }
        gaps += result.stats().gaps();
        skipped += result.stats().skipped();
        Status status = result.status();
        if (status.isOk() && run.droppedAfterCancel) {
            // The server finished before it saw the cancel, but the sink did not take everything.
            status = Status.CANCELLED.withDescription("cancelled; chunks that arrived after the cancel were not kept");
        }
        if (status.isOk() || run.sinkFailure || run.cancelled() || !RetryPolicy.retryable(status.getCode())) {
            end(run, status);
            return;
        }
        if (chunks > run.chunksBeforeAttempt) {
            run.failuresInRow = 0; // it made progress: a new outage, with a fresh budget and backoff
        }
        RetryPolicy policy = options.retryPolicy();
        if (++run.failuresInRow > policy.maxRetries()) {
            end(run, status);
            return;
        }
        Duration delay = policy.backoff(run.failuresInRow);
        progress.onRetry(run.failuresInRow, policy.maxRetries(), status, delay);
        CompletableFuture<Void> timer = new CompletableFuture<>();
        synchronized (run) {
            run.waiting = true;
            run.retryTimer = timer;
        }
        if (run.cancelled()) {
            timer.complete(null); // cancelled meanwhile: end at once
        }
        changed();
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(() -> timer.complete(null));
        Status failure = status;
        // Async: a cancel completes the timer on the canceller's thread (a UI thread), which must not do this work.
        timer.thenRunAsync(() -> {
            if (run.cancelled()) {
                end(run, failure); // report the failure that stopped the stream
            } else {
                retries++;
                options.beforeRetry().run();
                attempt(run);
            }
        });
    }

    private void end(SessionRun run, Status status) {
        synchronized (run) {
            if (run.ended) {
                return;
            }
            run.ended = true;
        }
        status = EndingWords.of(status, options.deadline(), run.cancelled() ? run.cancelReason : null);
        status = sink.settle(status);
        SessionSnapshot last;
        synchronized (this) {
            elapsedBeforeRun += clock.getAsLong() - run.startNanos;
            lastStatus = status;
            current = null;
            last = snapshot();
        }
        changed();
        run.done.complete(last);
    }

    /** Runs on the gRPC callback thread: into the sink, count, tell. */
    private final class SinkListener implements ReportListener {
        private final SessionRun run;

        SinkListener(SessionRun run) {
            this.run = run;
        }

        @Override
        public void onChunk(int chunkNumber, int totalChunks, ByteString data) throws IOException {
            if (run.cancelled()) {
                run.droppedAfterCancel = true; // already asked to stop: a chunk still in flight is not kept
                return;
            }
            try {
                sink.write(chunkNumber, totalChunks, data);
            } catch (IOException e) {
                run.sinkFailure = true; // a local problem: retrying the server would not help
                throw e;
            }
            if (firstChunkNanos < 0) {
                firstChunkNanos = clock.getAsLong() - firstStartNanos;
            }
            chunks++;
            bytes += data.size();
            run.attemptChunks++;
            progress.onChunk(chunkNumber, sink.totalChunks(), chunks, sink.bytes());
            changed();
        }

        @Override
        public void onCompleted(StreamStats stats) {}

        @Override
        public void onFailed(Status status, StreamStats stats) {}
    }
}
