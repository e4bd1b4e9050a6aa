package org.reportviewer.client;

import io.grpc.Status;

/**
 * How a {@link ResumableFetch} ended, over all its attempts.
 *
 * @param status OK, or the status of the last attempt (or CANCELLED / DEADLINE_EXCEEDED)
 * @param chunks chunks received by this run (not those a resumed file already held)
 * @param bytes bytes received by this run
 * @param firstChunkNanos from the start of the run to its first chunk, -1 when none came
 * @param elapsedNanos the whole run, retries and backoff included
 * @param gaps missing or repeated chunk numbers seen (an attempt fails on the first)
 * @param retries reconnects made
 * @param nextChunk the chunk a later resume would ask for
 * @param cancelRequested whether the run ended because {@link ResumableFetch#cancel()} was called
 */
public record FetchOutcome(Status status, int chunks, long bytes, long firstChunkNanos, long elapsedNanos, int gaps,
        int retries, int nextChunk, boolean cancelRequested) {

    public boolean ok() {
        return status.isOk();
    }

    public long firstChunkMillis() {
        return firstChunkNanos < 0 ? -1 : firstChunkNanos / 1_000_000;
    }

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }

    /** Decimal megabytes per second over the whole run. */
    public double megabytesPerSecond() {
        return elapsedNanos <= 0 ? 0 : bytes / 1e6 / (elapsedNanos / 1e9);
    }
}
