package org.reportviewer.document;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A read-only, frozen list of lines that a view renders from: the report document as it was at one
 * moment ({@link ReportDocument#snapshot()}), or a view built on one (only the lines that match a
 * filter, CSV records…). Its answers never change; {@link #latest()} gives a newer snapshot of the same
 * source, and {@link #version()} says cheaply whether anything changed, so a view can poll once per
 * frame and do nothing when the report did not grow.
 *
 * <p>Lines are numbered from 0 in this view ("view lines"). A view that shows a subset maps each of
 * its lines to the document line it shows ({@link #sourceLine}) and back ({@link #viewLineAtOrAfter}),
 * so a view can keep the reader's place when it switches between sources (a filter set or cleared).
 *
 * <p>Any thread may call any method; reading lines does I/O, so views read only the rows on screen.
 */
public interface LineSource {

    /** Grows whenever the lines change (a line added, the last line longer); equal means the same lines. */
    long version();

    /** Lines in this view; a trailing partial line counts. */
    long lineCount();

    /**
     * Up to {@code count} lines from {@code first}, clipped to {@link #lineCount()}; without their
     * terminators, decoded as UTF-8 (malformed input becomes U+FFFD).
     *
     * @throws IllegalStateException when the document was closed
     * @throws java.io.UncheckedIOException when the spool file cannot be read
     */
    List<String> lines(long first, int count);

    /** One line; see {@link #lines}. */
    default String line(long index) {
        List<String> one = lines(index, 1);
        if (one.isEmpty()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + lineCount());
        }
        return one.get(0);
    }

    /** The document line that view line {@code line} shows (the same number unless this is a subset). */
    default long sourceLine(long line) {
        return line;
    }

    /**
     * The first view line showing document line {@code sourceLine} or a later one, or
     * {@link #lineCount()} when there is none: where a view lands to keep the reader's place.
     */
    default long viewLineAtOrAfter(long sourceLine) {
        return Math.max(0, Math.min(sourceLine, lineCount()));
    }

    /** An upper bound on the length of any line, in chars (for the horizontal scroll range). */
    long maxLineLength();

    /** The chunks the document arrived in, numbered by document line. */
    default Chunks chunks() {
        return Chunks.NONE;
    }

    /** False once the document behind this view is closed (its lines can no longer be read). */
    default boolean isOpen() {
        return true;
    }

    /** A snapshot of the same source as of now: {@code this} when nothing changed. */
    LineSource latest();

    /**
     * The next view line containing {@code needle} (no line breaks in it): forward from {@code fromLine}
     * inclusive, or backward from it inclusive; does not wrap. This default decodes lines in batches;
     * the document overrides it with a scan of the raw bytes.
     *
     * @throws CancellationException when {@code cancelled} becomes true during the scan
     */
    default OptionalLong find(String needle, long fromLine, boolean forward, boolean matchCase,
                              BooleanSupplier cancelled) throws IOException {
        long total = lineCount();
        if (needle.isEmpty() || needle.indexOf('\n') >= 0 || total == 0) {
            return OptionalLong.empty();
        }
        int batch = 512;
        long line = forward ? Math.max(0, fromLine) : Math.min(fromLine, total - 1);
        while (forward ? line < total : line >= 0) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("find cancelled");
            }
            long first = forward ? line : Math.max(0, line - batch + 1);
            List<String> got = lines(first, (int) Math.min(batch, total - first));
            for (int k = 0; k < got.size(); k++) {
                int i = forward ? k : got.size() - 1 - k;
                long at = first + i;
                if ((forward ? at >= line : at <= line) && LineMatcher.indexOf(got.get(i), needle, 0, matchCase) >= 0) {
                    return OptionalLong.of(at);
                }
            }
            line = forward ? first + got.size() : first - 1;
            if (got.isEmpty()) {
                break;
            }
        }
        return OptionalLong.empty();
    }
}
