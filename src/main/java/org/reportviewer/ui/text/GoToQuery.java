package org.reportviewer.ui.text;

import java.util.Optional;
import org.reportviewer.document.Chunk;
import org.reportviewer.document.Chunks;
import org.reportviewer.document.LineSource;

/**
 * What the Go to field understands: a line number as the gutter shows it ({@code 1234}, {@code 1,234}),
 * or {@code #N} for the line where chunk N begins (chunk numbers as the server sends them, from 0).
 * Resolves against a {@link LineSource}, so it works on a filtered view too. Plain Java.
 */
final class GoToQuery {

    /**
     * Where to go ({@code viewLine}, or -1 when nowhere), whether it is exactly what was asked for (not
     * a nearby line), and what to tell the user.
     */
    record Result(long viewLine, boolean exact, String message) {
        boolean found() {
            return viewLine >= 0;
        }
    }

    private GoToQuery() {}

    static Result resolve(String query, LineSource source) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return fail("Type a line number, or #N for the start of chunk N");
        }
        if (source == null || source.lineCount() == 0) {
            return fail("Nothing to go to yet");
        }
        if (q.startsWith("#")) {
            Long n = number(q.substring(1));
            return n == null ? fail("Not a chunk number: " + q) : chunk(n, source);
        }
        Long line = number(q);
        return line == null ? fail("Not a line number or #chunk: " + q) : line(line, source);
    }

    private static Result line(long number, LineSource source) {
        long last = source.sourceLine(source.lineCount() - 1) + 1;
        if (number < 1 || number > last) {
            return fail(String.format("No line %,d: lines go from 1 to %,d", number, last));
        }
        long view = source.viewLineAtOrAfter(number - 1);
        if (view >= source.lineCount()) {
            return fail(String.format("Line %,d is not shown here", number));
        }
        long shown = source.sourceLine(view) + 1;
        return new Result(view, shown == number, shown == number ? String.format("Line %,d", number)
                : String.format("Line %,d is not shown here; went to line %,d", number, shown));
    }

    private static Result chunk(long number, LineSource source) {
        Chunks chunks = source.chunks();
        if (chunks.isEmpty()) {
            return fail("No chunks are known for this view");
        }
        if (number < chunks.firstNumber() || number > chunks.lastNumber()) {
            return fail(String.format("No chunk #%,d: chunks go from #%,d to #%,d", number, chunks.firstNumber(),
                    chunks.lastNumber()));
        }
        Optional<Chunk> exact = chunks.get(number);
        Chunk c = exact.orElseGet(() -> chunks.atOrBefore(number).orElseThrow());
        long view = Math.min(source.viewLineAtOrAfter(c.firstLine()), source.lineCount() - 1);
        String where = String.format("line %,d", source.sourceLine(view) + 1);
        if (exact.isEmpty()) {
            // Past a million chunks only every stride-th one is kept (see Chunks): say where we went.
            return new Result(view, false, String.format("Chunk #%,d's start is not kept (1 chunk in %d is); went to "
                    + "chunk #%,d on %s", number, chunks.stride(), c.number(), where));
        }
        return new Result(view, true, String.format("Chunk #%,d starts on %s", number, where));
    }

    /** A non-negative number, allowing "1,234", "1_234" and "1 234"; null when it is not one. */
    private static Long number(String s) {
        String digits = s.strip().replace(",", "").replace("_", "").replace(" ", "");
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(digits);
    }

    private static Result fail(String message) {
        return new Result(-1, false, message);
    }
}
