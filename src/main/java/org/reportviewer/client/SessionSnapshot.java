package org.reportviewer.client;

import io.grpc.Status;

/**
 * Where a {@link ReportSession} stands, as one immutable value: what a view shows, taken at one
 * moment. Counts are over the whole session, every run and retry included.
 *
 * @param reportId the report
 * @param phase what the session is doing
 * @param status how the last run ended; {@code null} while none has ended
 * @param runs runs started: 1 after {@link ReportSession#start}, one more per resume
 * @param resumedAt the chunk the last resume asked for; -1 when the session was not resumed
 * @param nextChunk the first chunk the sink lacks: where a resume starts
 * @param totalChunks chunks in the whole report as the server said; 0 while unknown
 * @param chunks chunks received by the session
 * @param bytes bytes received by the session (not those a resumed sink already held)
 * @param firstChunkNanos from the start of the first run to the first chunk; -1 before it
 * @param elapsedNanos time spent running, summed over runs (waits between runs excluded)
 * @param bytesPerSecond live rate over a window of seconds while running; the average once ended
 * @param chunksPerSecond as {@code bytesPerSecond}, in chunks
 * @param gaps missing or repeated chunk numbers seen
 * @param retries reconnects made
 * @param skipped chunks dropped because the sink had them (a server that ignores resume requests)
 * @param cancelRequested a cancel was asked for the run in flight
 */
public record SessionSnapshot(String reportId, Phase phase, Status status, int runs, int resumedAt, int nextChunk,
        int totalChunks, long chunks, long bytes, long firstChunkNanos, long elapsedNanos, double bytesPerSecond,
        double chunksPerSecond, int gaps, int retries, int skipped, boolean cancelRequested) {

    /** What a session is doing. */
    public enum Phase {
        /** Not started. */
        IDLE,
        /** A call is open, no chunk of it has arrived yet. */
        CONNECTING,
        /** Chunks are arriving. */
        STREAMING,
        /** The last attempt failed in a way a retry may cure; waiting out the backoff. */
        WAITING_TO_RETRY,
        /** Ended: the whole report arrived. */
        COMPLETED,
        /** Ended: cancelled (by us, or the server reset the stream). */
        CANCELLED,
        /** Ended: any other failure. */
        FAILED;

        /** A run is in progress. */
        public boolean running() {
            return this == CONNECTING || this == STREAMING || this == WAITING_TO_RETRY;
        }

        /** A run ended early: what arrived is part of the report. */
        public boolean partial() {
            return this == CANCELLED || this == FAILED;
        }
    }

    /** Fraction of the report held, in [0, 1]; -1 while the total is unknown. */
    public double progress() {
        if (phase == Phase.COMPLETED) {
            return 1;
        }
        return totalChunks > 0 ? Math.min(1.0, (double) nextChunk / totalChunks) : -1;
    }

    public long firstChunkMillis() {
        return firstChunkNanos < 0 ? -1 : firstChunkNanos / 1_000_000;
    }

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }

    /** The last run ended early in a way another run can continue (see {@link ReportSession#resumable}). */
    public boolean resumable() {
        return phase.partial() && status != null && ReportSession.resumable(status.getCode());
    }
}
