package org.reportviewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Live rates on a simulated clock: slow streams read what they do, never 0 while chunks still come
 * (issue 11, "rates that read right"). Samples are taken as the window would: every frame (16 ms)
 * and every tick (250 ms), whatever the chunk timing.
 */
class RateMeterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Feeds chunks every {@code gapMs} of {@code size} bytes and samples every {@code sampleMs}. */
    private static double[] run(long gapMs, int size, long sampleMs, long totalMs, RateMeter meter) {
        long chunks = 0;
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        meter.reset(0, 0, 0);
        for (long t = 0; t <= totalMs; t += sampleMs) {
            chunks = t / gapMs; // a chunk at every multiple of the gap
            meter.sample(t * MS, chunks, chunks * size);
            if (t >= 6_000) { // once the window is full
                lowest = Math.min(lowest, meter.chunksPerSecond());
                highest = Math.max(highest, meter.chunksPerSecond());
            }
        }
        return new double[] {lowest, highest, meter.bytesPerSecond()};
    }

    @Test
    void twentyChunksASecondReadTwentyOnEveryFrame() {
        double[] r = run(50, 1, 16, 20_000, new RateMeter(RateMeter.DEFAULT_WINDOW_NANOS));
        assertThat(r[0]).as("lowest reading").isCloseTo(20, within(1.0));
        assertThat(r[1]).as("highest reading").isCloseTo(20, within(1.0));
        assertThat(r[2]).as("bytes per second").isCloseTo(20, within(1.0));
    }

    @Test
    void aChunkEverySecondNeverReadsZeroWhileItStreams() {
        double[] r = run(1000, 100, 16, 30_000, new RateMeter(RateMeter.DEFAULT_WINDOW_NANOS));
        assertThat(r[0]).as("lowest reading between chunks").isGreaterThan(0.7);
        assertThat(r[1]).as("highest reading").isLessThan(1.3);
    }

    @Test
    void aStalledStreamFallsToZeroWithinTheWindow() {
        RateMeter meter = new RateMeter(RateMeter.DEFAULT_WINDOW_NANOS);
        meter.reset(0, 0, 0);
        for (long t = 0; t <= 5_000; t += 250) {
            meter.sample(t * MS, t / 50, t / 50);
        }
        assertThat(meter.chunksPerSecond()).isCloseTo(20, within(1.0));
        for (long t = 5_250; t <= 11_000; t += 250) {
            meter.sample(t * MS, 100, 100); // nothing more arrives
        }
        assertThat(meter.chunksPerSecond()).isZero();
    }

    @Test
    void aResetStartsTheWindowAgain() {
        RateMeter meter = new RateMeter(RateMeter.DEFAULT_WINDOW_NANOS);
        meter.reset(0, 0, 0);
        meter.sample(1_000 * MS, 1_000, 1_000);
        meter.reset(60_000 * MS, 1_000, 1_000); // a resume a minute later
        meter.sample(60_500 * MS, 1_010, 1_010);
        assertThat(meter.chunksPerSecond()).isCloseTo(20, within(0.1));
    }
}
