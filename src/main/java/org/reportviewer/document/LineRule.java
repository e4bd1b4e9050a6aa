package org.reportviewer.document;

/**
 * Where one line ends. Lines end at {@code '\n'}; a line that reaches {@link #CAP} bytes without one is
 * force-broken so that a report without newlines still has lines of bounded size. The break is moved
 * forward past UTF-8 continuation bytes (at most 3) so a character is not split.
 *
 * <p>The writer (while indexing) and every reader (while re-scanning from an index mark) apply this same
 * rule to the same bytes, which is what makes a sparse index enough: readers recompute the line starts
 * between two marks instead of storing them.
 */
final class LineRule {

    /** Longest line before a forced break, in bytes. */
    static final int CAP = 16 * 1024;
    /** Longest line including the bytes allowed to finish a UTF-8 sequence, plus the terminator. */
    static final int MAX_LINE_BYTES = CAP + 4;

    private LineRule() {}

    static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * Finds the end of the line starting at {@code start} in {@code buf[start, limit)}.
     *
     * @param atEnd whether {@code limit} is the end of the document (then an unterminated remainder is the
     *              trailing partial line)
     * @return {@code false} when more bytes are needed to decide; otherwise {@code out} holds the result
     */
    static boolean scan(byte[] buf, int start, int limit, boolean atEnd, Result out) {
        int capAt = start + CAP;
        int stop = Math.min(limit, capAt);
        int nl = Newlines.indexOf(buf, start, stop);
        if (nl >= 0) {
            out.set(nl, nl + 1, true);
            return true;
        }
        for (int i = capAt; i < limit; i++) {
            byte b = buf[i];
            if (b == '\n') {
                out.set(i, i + 1, true);
                return true;
            }
            if (!isContinuation(b) || i - start >= CAP + 3) {
                out.set(i, i, true);
                return true;
            }
        }
        if (atEnd) {
            out.set(limit, limit, false);
            return true;
        }
        return false;
    }

    /** One scanned line: content is {@code [start, contentEnd)}, the next line starts at {@code next}. */
    static final class Result {
        int contentEnd;
        int next;
        /** false for the trailing line that the writer has not closed yet */
        boolean complete;

        void set(int contentEnd, int next, boolean complete) {
            this.contentEnd = contentEnd;
            this.next = next;
            this.complete = complete;
        }
    }
}
