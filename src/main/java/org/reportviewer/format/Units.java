package org.reportviewer.format;

import java.util.Locale;

/**
 * Figures in the words and units people read: sizes, counts, durations and rates. The one place
 * the window, the CLI and the server format numbers, so the same figure reads the same everywhere.
 */
public final class Units {

    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB"};
    private static final String[] DECIMAL_RATES = {"KB/s", "MB/s", "GB/s"};

    private Units() {}

    /** A short size: 512 B, 64.0 KiB, 1.00 GiB (binary units, as files are measured). */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < BINARY.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, BINARY[u]);
    }

    /** 1,234,567. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 850 ms, 12.5 s, 3:07 min; a dash for a negative (unknown) time. */
    public static String millis(long ms) {
        if (ms < 0) {
            return "—";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d:%02d min", ms / 60_000, ms / 1000 % 60);
    }

    /**
     * A data rate in the unit that keeps its digits readable: 20 B/s, 3.4 KB/s, 512 MB/s (decimal
     * units, as network rates are measured). A slow stream never reads as "0.00 MB/s".
     */
    public static String byteRate(double bytesPerSecond) {
        double v = Math.max(0, bytesPerSecond);
        if (v < 1000) {
            return String.format(Locale.ROOT, "%.0f B/s", v);
        }
        int u = -1;
        while (v >= 1000 && u < DECIMAL_RATES.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v,
                DECIMAL_RATES[u]);
    }

    /** Chunks per second: one decimal below 10, so 0.5 chunks/s does not read as 0 or 1. */
    public static String chunkRate(double chunksPerSecond) {
        double v = Math.max(0, chunksPerSecond);
        return String.format(Locale.ROOT, v < 10 ? "%.1f chunks/s" : "%,.0f chunks/s", v);
    }

    /** "3.4 KB/s · 20 chunks/s". */
    public static String rate(double bytesPerSecond, double chunksPerSecond) {
        return byteRate(bytesPerSecond) + " · " + chunkRate(chunksPerSecond);
    }
}
