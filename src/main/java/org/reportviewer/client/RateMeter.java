package org.reportviewer.client;

import java.util.concurrent.TimeUnit;

/**
 * Live rates over a sliding window of a few seconds. A window much shorter than the gap between
 * chunks reads 0 between them (a stream of 20 chunks a second looked stalled on a 0.5 s window
 * sampled at unlucky moments), so the window spans seconds, and the rate is always taken from the
 * newest sample at least one window old (or the start) to now.
 *
 * <p>Samples are taken when someone asks for the rate (a snapshot), not per chunk, so the cost does
 * not grow with the chunk rate. Not thread-safe: the owner serialises calls.
 */
final class RateMeter {

    /** Long enough that slow streams (a chunk every second or two) never read 0 while they run. */
    static final long DEFAULT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int CAPACITY = 64;

    private final long windowNanos;
    private final long spacingNanos;
    private final long[] times = new long[CAPACITY];
    private final long[] chunks = new long[CAPACITY];
    private final long[] bytes = new long[CAPACITY];
    private int first;
    private int size;
    private double chunksPerSecond;
    private double bytesPerSecond;

    RateMeter(long windowNanos) {
        this.windowNanos = windowNanos;
        this.spacingNanos = Math.max(1, windowNanos / (CAPACITY / 2));
    }

    /** Starts over from {@code nowNanos} with the counts at that moment (a new run). */
    void reset(long nowNanos, long chunkCount, long byteCount) {
        first = 0;
        size = 0;
        add(nowNanos, chunkCount, byteCount);
        chunksPerSecond = 0;
        bytesPerSecond = 0;
    }

    /** Takes a sample of the running counts and updates the rates. */
    void sample(long nowNanos, long chunkCount, long byteCount) {
        if (size == 0) {
            reset(nowNanos, chunkCount, byteCount);
            return;
        }
        // Drop samples older than the window, but keep the newest of them as the anchor.
        while (size > 1 && times[(first + 1) % CAPACITY] <= nowNanos - windowNanos) {
            first = (first + 1) % CAPACITY;
            size--;
        }
        long dt = nowNanos - times[first];
        if (dt > 0) {
            chunksPerSecond = (chunkCount - chunks[first]) * 1e9 / dt;
            bytesPerSecond = (byteCount - bytes[first]) * 1e9 / dt;
        }
        if (nowNanos - times[(first + size - 1) % CAPACITY] >= spacingNanos) {
            if (size == CAPACITY) {
                first = (first + 1) % CAPACITY;
                size--;
            }
            add(nowNanos, chunkCount, byteCount);
        }
    }

    private void add(long t, long c, long b) {
        int i = (first + size) % CAPACITY;
        times[i] = t;
        chunks[i] = c;
        bytes[i] = b;
        size++;
    }

    double chunksPerSecond() {
        return chunksPerSecond;
    }

    double bytesPerSecond() {
        return bytesPerSecond;
    }
}
