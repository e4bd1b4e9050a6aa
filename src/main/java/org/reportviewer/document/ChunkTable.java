package org.reportviewer.document;

import java.util.function.LongSupplier;

/**
 * Records, for each appended chunk, its first line, size and arrival time; written by the document's
 * single writer thread, read through immutable {@link Chunks} views. Entries below a published count
 * are never rewritten (arrays are replaced, not edited, when they grow or thin), so older views stay
 * valid.
 */
final class ChunkTable {

    /** Chunks kept before the table thins itself: 16 bytes each, so at most 16 MB. */
    static final int MAX_KEPT = 1 << 20;

    private final int maxKept;
    private final LongSupplier nanoClock;
    private long firstNumber = -1;
    private long count;
    private long startNanos;
    private int stride = 1;
    private int kept;
    private long[] firstLines;
    private int[] sizes;
    private int[] arrivals;
    private Chunks view = Chunks.NONE;

    ChunkTable(int maxKept, LongSupplier nanoClock) {
        if (maxKept < 2 || maxKept % 2 != 0) {
            throw new IllegalArgumentException("maxKept must be even and >= 2: " + maxKept);
        }
        this.maxKept = maxKept;
        this.nanoClock = nanoClock;
        int initial = Math.min(64, maxKept);
        firstLines = new long[initial];
        sizes = new int[initial];
        arrivals = new int[initial];
    }

    /** The number the next chunk gets when the caller does not say. */
    long nextNumber() {
        return firstNumber < 0 ? 0 : firstNumber + count;
    }

    /** Records chunk {@code number} (contiguous after the first) that begins on {@code firstLine}. */
    void add(long number, long firstLine, int size) {
        long now = nanoClock.getAsLong();
        if (firstNumber < 0) {
            firstNumber = number;
            startNanos = now;
        } else if (number != firstNumber + count) {
            throw new IllegalArgumentException("chunk " + number + " after chunk " + (firstNumber + count - 1));
        }
        long k = count++;
        if (k % stride == 0) {
            if (kept == maxKept) {
                thin();
            }
            if (k % stride == 0) {
                keep(firstLine, size, (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now - startNanos) / 1_000_000)));
            }
        }
        view = new Chunks(firstNumber, count, stride, kept, firstLines, sizes, arrivals);
    }

    Chunks view() {
        return view;
    }

    private void keep(long firstLine, int size, int arrivalMillis) {
        if (kept == firstLines.length) {
            int n = Math.min(maxKept, firstLines.length * 2);
            firstLines = java.util.Arrays.copyOf(firstLines, n);
            sizes = java.util.Arrays.copyOf(sizes, n);
            arrivals = java.util.Arrays.copyOf(arrivals, n);
        }
        firstLines[kept] = firstLine;
        sizes[kept] = size;
        arrivals[kept] = arrivalMillis;
        kept++;
    }

    /** Keeps every other chunk and doubles the stride (new arrays: older views still read the old ones). */
    private void thin() {
        long[] l = new long[firstLines.length];
        int[] s = new int[sizes.length];
        int[] a = new int[arrivals.length];
        for (int i = 0; i < kept / 2; i++) {
            l[i] = firstLines[2 * i];
            s[i] = sizes[2 * i];
            a[i] = arrivals[2 * i];
        }
        firstLines = l;
        sizes = s;
        arrivals = a;
        kept /= 2;
        stride *= 2;
    }
}
