package org.reportviewer.client;

import java.util.Arrays;

/**
 * The last few seconds of a stream's byte rate, for a sparkline: a fixed ring of evenly spaced
 * samples (bytes per second over each interval), so memory and drawing cost stay the same however
 * long the stream runs. Fed with (time, total bytes) readings at any pace; it turns them into one
 * sample per interval. A late reading covering several intervals fills them all with its average,
 * so the x axis stays time. Thread-safe; the clock is passed in, so tests need no sleeping.
 */
public final class RateHistory {

    /** 120 samples of 250 ms: the last 30 seconds. */
    public static final int DEFAULT_CAPACITY = 120;
    public static final long DEFAULT_INTERVAL_NANOS = 250_000_000L;

    private final double[] ring;
    private final long intervalNanos;
    private int start;
    private int size;
    private long lastNanos = -1;
    private long lastBytes;
    private long version;

    public RateHistory() {
        this(DEFAULT_CAPACITY, DEFAULT_INTERVAL_NANOS);
    }

    public RateHistory(int capacity, long intervalNanos) {
        if (capacity < 2 || intervalNanos <= 0) {
            throw new IllegalArgumentException("capacity must be at least 2 and the interval positive");
        }
        this.ring = new double[capacity];
        this.intervalNanos = intervalNanos;
    }

    /**
     * Takes a reading of the stream's byte count. The first reading (and one after {@link #reset()},
     * or with fewer bytes than before: a new stream) only sets the baseline.
     *
     * @return whether samples were added (an interval had passed since the last one)
     */
    public synchronized boolean record(long nanos, long totalBytes) {
        if (lastNanos < 0 || totalBytes < lastBytes) {
            lastNanos = nanos;
            lastBytes = totalBytes;
            return false;
        }
        long dt = nanos - lastNanos;
        if (dt < intervalNanos) {
            return false;
        }
        double rate = (totalBytes - lastBytes) * 1e9 / dt;
        long steps = Math.min(dt / intervalNanos, ring.length);
        for (long i = 0; i < steps; i++) {
            push(rate);
        }
        lastNanos = nanos;
        lastBytes = totalBytes;
        version++;
        return true;
    }

    private void push(double rate) {
        if (size < ring.length) {
            ring[(start + size++) % ring.length] = rate;
        } else {
            ring[start] = rate;
            start = (start + 1) % ring.length;
        }
    }

    /**
     * A new baseline that keeps the samples: a resumed stream continues the chart, and the pause
     * before it is not drawn as a stretch of zeros.
     */
    public synchronized void restartAt(long nanos, long totalBytes) {
        lastNanos = nanos;
        lastBytes = totalBytes;
    }

    /** Forgets every sample: a new stream begins. */
    public synchronized void reset() {
        start = 0;
        size = 0;
        lastNanos = -1;
        lastBytes = 0;
        version++;
    }

    /** Bytes per second of each interval, oldest first; at most {@link #capacity()} values. */
    public synchronized double[] rates() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % ring.length];
        }
        return out;
    }

    /** The newest sample in bytes per second, or 0 before the first. */
    public synchronized double latest() {
        return size == 0 ? 0 : ring[(start + size - 1) % ring.length];
    }

    /** The largest sample kept, or 0. */
    public synchronized double peak() {
        return Arrays.stream(rates()).max().orElse(0);
    }

    public int capacity() {
        return ring.length;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Changes whenever samples were added or dropped: a view redraws only when it moved. */
    public synchronized long version() {
        return version;
    }
}
