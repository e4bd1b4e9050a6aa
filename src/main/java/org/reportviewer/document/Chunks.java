package org.reportviewer.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * The chunks of a document as of one snapshot: number, first line, size and arrival time of each,
 * in primitive arrays (16 bytes a chunk). Immutable; any thread.
 *
 * <p>Bounded: past {@link ChunkTable#MAX_KEPT} chunks only every {@link #stride()}-th one is kept
 * (the stride doubles as more arrive, as the line index does), so a stream of tens of millions of tiny
 * chunks still costs at most 16 MB. {@link #get} answers only for kept chunks; {@link #atOrBefore}
 * gives the nearest kept one.
 */
public final class Chunks {

    /** No chunks (a source that does not know them). */
    public static final Chunks NONE = new Chunks(0, 0, 1, 0, new long[0], new int[0], new int[0]);

    private final long firstNumber;
    private final long count;
    private final int stride;
    private final int kept;
    private final long[] firstLines;
    private final int[] sizes;
    private final int[] arrivals;

    Chunks(long firstNumber, long count, int stride, int kept, long[] firstLines, int[] sizes, int[] arrivals) {
        this.firstNumber = firstNumber;
        this.count = count;
        this.stride = stride;
        this.kept = kept;
        this.firstLines = firstLines;
        this.sizes = sizes;
        this.arrivals = arrivals;
    }

    /** Chunks received. */
    public long count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of the first chunk received (0 unless the stream began later). */
    public long firstNumber() {
        return firstNumber;
    }

    /** Number of the last chunk received, or -1 when none. */
    public long lastNumber() {
        return count == 0 ? -1 : firstNumber + count - 1;
    }

    /** 1 while every chunk is kept; 2, 4, … after the table was thinned. */
    public int stride() {
        return stride;
    }

    /** Chunk {@code number}, when it was received and kept. */
    public Optional<Chunk> get(long number) {
        long k = number - firstNumber;
        if (k < 0 || k >= count || k % stride != 0 || k / stride >= kept) {
            return Optional.empty();
        }
        return Optional.of(at((int) (k / stride)));
    }

    /** The kept chunk with the largest number not above {@code number}; empty before the first chunk. */
    public Optional<Chunk> atOrBefore(long number) {
        long k = Math.min(number, lastNumber()) - firstNumber;
        if (k < 0 || kept == 0) {
            return Optional.empty();
        }
        return Optional.of(at((int) Math.min(kept - 1, k / stride)));
    }

    /** The first kept chunk whose first line is {@code line}, if any. */
    public Optional<Chunk> firstStartingOn(long line) {
        int i = indexAtOrAfterLine(line);
        return i < kept && firstLines[i] == line ? Optional.of(at(i)) : Optional.empty();
    }

    /** How many kept chunks begin on {@code line} (many small chunks can share one long line). */
    public int countStartingOn(long line) {
        int i = indexAtOrAfterLine(line);
        int j = indexAtOrAfterLine(line + 1);
        return j - i;
    }

    /** Heap held by the arrays behind this view (for the test that keeps it bounded). */
    long retainedBytes() {
        return 8L * firstLines.length + 4L * sizes.length + 4L * arrivals.length;
    }

    private int indexAtOrAfterLine(long line) {
        // firstLines is non-decreasing; find its leftmost entry >= line.
        int i = Arrays.binarySearch(firstLines, 0, kept, line);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && firstLines[i - 1] == line) {
            i--;
        }
        return i;
    }

    private Chunk at(int i) {
        return new Chunk(firstNumber + (long) i * stride, firstLines[i], sizes[i], arrivals[i]);
    }
}
