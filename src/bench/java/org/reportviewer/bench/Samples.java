package org.reportviewer.bench;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics of a set of measurements (nearest-rank percentiles). */
final class Samples {

    private final double[] sorted;

    Samples(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Samples ofNanosAsMillis(long[] nanos, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return new Samples(ms);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, {@code p} in [0, 100]. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    double median() {
        return percentile(50);
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    /** "a, b, c" in measurement order is lost; this lists the sorted values, for the details section. */
    String list(String format) {
        StringBuilder b = new StringBuilder();
        for (double v : sorted) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, format, v));
        }
        return b.toString();
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
