package org.reportviewer.document;

import java.nio.ByteBuffer;

/**
 * The writer's side of the sparse line index: finds line ends in appended bytes with {@link LineRule}
 * and keeps the byte offset of every {@code stride}-th line start. Stride 64 at first; it doubles
 * whenever the index reaches its limit, so even a billion empty lines cost at most 8 MB. Touched only by
 * the document's single writer thread; readers get immutable {@link IndexState}s.
 */
final class LineIndexer {

    static final int INITIAL_STRIDE = 64;

    private final int maxMarks;
    private long written;
    private long lineStart;
    private long completeLines;
    private long maxLineBytes;
    private long[] marks = new long[16];
    private int markCount = 1; // marks[0] = 0: line 0 starts at byte 0
    private int stride = INITIAL_STRIDE;

    /** @param maxMarks even, at least 2 (checked by the document before it opens its spool file) */
    LineIndexer(int maxMarks) {
        this.maxMarks = maxMarks;
    }

    /** Bytes indexed so far. */
    long written() {
        return written;
    }

    /**
     * The line that the next byte ({@code first}) will belong to: the open line, or a new one when the
     * open line is at {@link LineRule#CAP} and this byte forces a break (the same rule as {@link #index}).
     */
    long lineOfNextByte(byte first) {
        long len = written - lineStart;
        boolean breaksBefore = len >= LineRule.CAP && first != '\n'
                && (!LineRule.isContinuation(first) || len >= LineRule.CAP + 3);
        return completeLines + (breaksBefore ? 1 : 0);
    }

    /** Finds the line ends in {@code b[from, from + n)}, the next {@code n} bytes of the document. */
    void index(ByteBuffer b, int from, int n) {
        final long base = written - from; // document offset of b[0]
        final int to = from + n;
        int i = from;
        while (i < to) {
            long len = base + i - lineStart;
            if (len < LineRule.CAP) {
                int stop = (int) Math.min(to, i + (LineRule.CAP - len));
                int j = Newlines.indexOf(b, i, stop);
                if (j >= 0) {
                    endLine(base + j, base + j + 1);
                    i = j + 1;
                } else {
                    i = stop;
                }
            } else if (b.get(i) == '\n') {
                endLine(base + i, base + i + 1);
                i++;
            } else if (!LineRule.isContinuation(b.get(i)) || len >= LineRule.CAP + 3) {
                endLine(base + i, base + i); // forced break before this byte
            } else {
                i++;
            }
        }
        written += n;
    }

    /** The index as it is now, for readers. */
    IndexState publish() {
        return new IndexState(written, completeLines, lineStart, maxLineBytes, marks, markCount, stride);
    }

    private void endLine(long contentEnd, long next) {
        maxLineBytes = Math.max(maxLineBytes, contentEnd - lineStart);
        completeLines++;
        lineStart = next;
        if (completeLines % stride == 0) {
            addMark(next);
        }
    }

    private void addMark(long offset) {
        if (markCount == maxMarks) {
            // Halve the index instead of growing it: keep every other mark, double the stride. A new
            // array, because readers may still hold the old one through an older IndexState.
            long[] halved = new long[marks.length];
            for (int k = 0; k < markCount / 2; k++) {
                halved[k] = marks[2 * k];
            }
            marks = halved;
            markCount /= 2;
            stride *= 2;
        } else if (markCount == marks.length) {
            long[] grown = new long[Math.min(maxMarks, marks.length * 2)];
            System.arraycopy(marks, 0, grown, 0, markCount);
            marks = grown;
        }
        // Entries below a published markCount are never rewritten, so readers of older states are safe.
        marks[markCount++] = offset;
    }

    /** What readers may see: everything in it was written before it was published. */
    static final class IndexState {
        static final IndexState EMPTY = new IndexState(0, 0, 0, 0, new long[] {0}, 1, INITIAL_STRIDE);

        final long bytes;
        final long completeLines;
        final long tailStart;
        final long maxLineBytes;
        final long[] marks;
        final int markCount;
        final int stride;

        IndexState(long bytes, long completeLines, long tailStart, long maxLineBytes, long[] marks,
                   int markCount, int stride) {
            this.bytes = bytes;
            this.completeLines = completeLines;
            this.tailStart = tailStart;
            this.maxLineBytes = maxLineBytes;
            this.marks = marks;
            this.markCount = markCount;
            this.stride = stride;
        }

        long lineCount() {
            return completeLines + (bytes > tailStart ? 1 : 0);
        }

        /** Longest line so far in bytes, counting the open trailing line. */
        long longestLine() {
            return Math.max(maxLineBytes, bytes - tailStart);
        }
    }
}
