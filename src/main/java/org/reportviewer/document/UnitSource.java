package org.reportviewer.document;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Numbered units — the lines of a report, or the rows of a CSV report — that a {@link FilterModel} scans
 * as raw UTF-8 bytes while they keep arriving.
 */
public interface UnitSource {

    /**
     * Units that will not change any more: complete lines (or rows); with {@code ended} (the stream is
     * over) also the trailing unterminated one.
     */
    long stableCount(boolean ended);

    /**
     * Visits units {@code [from, to)} in order, in bounded memory.
     *
     * @param stop checked between units; the scan ends early when it returns true
     * @return the index after the last unit visited
     */
    long scan(long from, long to, Visitor visitor, BooleanSupplier stop) throws IOException;

    /**
     * Field {@code column} of a unit's bytes, or {@code null} when the unit has no such field. Only rows
     * have fields; a plain line source has none.
     */
    default String field(byte[] buf, int from, int to, int column) {
        return null;
    }

    /** Receives one unit; the bytes are valid only during the call. */
    @FunctionalInterface
    interface Visitor {
        void unit(long index, byte[] buf, int from, int to);
    }
}
