package org.reportviewer.document;

/**
 * The writer's side of a sparse index: a value (a byte offset, a line number) for every
 * {@code stride}-th item. When it reaches {@code max} entries it keeps every other one and doubles the
 * stride instead of growing, so its size is bounded whatever the report's. Readers get the array, the
 * count and the stride as they were published; entries below a published count are never rewritten
 * (halving makes a new array), so older readers stay safe. One writer thread.
 */
final class SparseMarks {

    private final int max;
    private long[] marks = new long[16];
    private int count = 1; // marks[0] = 0: the first item starts at 0
    private int stride;

    /** @param max even, at least 2 */
    SparseMarks(int max, int initialStride) {
        this.max = max;
        this.stride = initialStride;
    }

    /** Adds the value of the next stride-th item. */
    void add(long value) {
        if (count == max) {
            long[] halved = new long[marks.length];
            for (int k = 0; k < count / 2; k++) {
                halved[k] = marks[2 * k];
            }
            marks = halved;
            count /= 2;
            stride *= 2;
        } else if (count == marks.length) {
            long[] grown = new long[Math.min(max, marks.length * 2)];
            System.arraycopy(marks, 0, grown, 0, count);
            marks = grown;
        }
        marks[count++] = value;
    }

    long[] array() {
        return marks;
    }

    int count() {
        return count;
    }

    int stride() {
        return stride;
    }
}
