package org.reportviewer.ui.text;

import java.util.List;
import java.util.function.LongPredicate;
import org.reportviewer.document.LineMatcher;

/**
 * Paints the visible rows: background, selection, find highlights, text clipped to the columns that
 * show, then the line-number gutter on top (so scrolled text slides under it) with a mark at each
 * chunk's first line. It draws on a {@link Surface}, so every size and position can be checked without
 * a toolkit; the skin's surface is its one Canvas.
 */
final class RowPainter {

    /** What a row painter paints with; colours are looked up by role. */
    enum Role { BACKGROUND, TEXT, GUTTER, LINE_NUMBER, SELECTION, MATCH, CHUNK_MARK }

    /** Where the painter draws. */
    interface Surface {
        void fillRect(Role role, double x, double y, double w, double h);

        void fillText(Role role, String text, double x, double baselineY);
    }

    /**
     * One frame's input.
     *
     * @param lines      the visible lines from {@code topLine} (the last may be partly visible)
     * @param selFrom    first selected line, or -1
     * @param matchLine  line of the find match, or -1
     * @param chunkStart which view lines begin a chunk (null: no chunk marks)
     */
    record Frame(double width, double height, FontMetrics metrics, long topLine, double xOffset,
                 List<String> lines, double gutterWidth, long selFrom, long selTo,
                 long matchLine, String matchNeedle, boolean matchCase, LongPredicate chunkStart) {}

    private RowPainter() {}

    /** The frame for what the models say now, with {@code lines} read from the viewport's source. */
    static Frame frame(Viewport vp, LineSelection sel, FindCopyModel fc, List<String> lines, LongPredicate chunkStart) {
        return new Frame(vp.width(), vp.height(), vp.metrics(), vp.topLine(), vp.horizontalOffset(), lines,
                vp.gutterWidth(), sel.from(), sel.to(), fc.matchLine(), fc.matchNeedle(), fc.matchCase(), chunkStart);
    }

    static void paint(Surface g, Frame f) {
        double w = f.width();
        double h = f.height();
        g.fillRect(Role.BACKGROUND, 0, 0, w, h);
        if (f.lines().isEmpty() || w <= 0 || h <= 0) {
            return;
        }
        double cw = f.metrics().charWidth();
        double lh = f.metrics().lineHeight();
        double ascent = f.metrics().ascent();
        double gutter = Math.min(w, f.gutterWidth());
        double textX = f.gutterWidth() + Viewport.PAD;
        int firstCol = (int) Math.min(Integer.MAX_VALUE, Math.floor(f.xOffset() / cw));
        double startX = Math.round(textX + firstCol * cw - f.xOffset());
        // None when the pane is narrower than its gutter (a new tab before its first layout): a negative
        // count here once threw from substring in every frame.
        int cols = (int) Math.max(0, Math.ceil((w - textX) / cw) + 2);
        for (int r = 0; r < f.lines().size(); r++) {
            long line = f.topLine() + r;
            double y = r * lh;
            if (f.selFrom() >= 0 && line >= f.selFrom() && line <= f.selTo()) {
                g.fillRect(Role.SELECTION, gutter, y, w - gutter, lh);
            }
            String shown = DisplayText.of(f.lines().get(r));
            if (line == f.matchLine() && f.matchNeedle() != null && !f.matchNeedle().isEmpty()) {
                String needle = f.matchNeedle();
                int at = LineMatcher.indexOf(shown, needle, 0, f.matchCase());
                while (at >= 0) {
                    double mx = textX + at * cw - f.xOffset();
                    g.fillRect(Role.MATCH, Math.round(mx), y, Math.round(needle.length() * cw), lh);
                    at = LineMatcher.indexOf(shown, needle, at + needle.length(), f.matchCase());
                }
            }
            if (cols > 0 && firstCol < shown.length()) {
                int end = (int) Math.min(shown.length(), (long) firstCol + cols);
                g.fillText(Role.TEXT, shown.substring(firstCol, end), startX, y + ascent);
            }
        }
        g.fillRect(Role.GUTTER, 0, 0, gutter, h);
        for (int r = 0; r < f.lines().size(); r++) {
            long line = f.topLine() + r;
            String number = Long.toString(line + 1);
            g.fillText(Role.LINE_NUMBER, number, Math.round(f.gutterWidth() - Viewport.PAD - number.length() * cw),
                    r * lh + ascent);
            if (f.chunkStart() != null && f.chunkStart().test(line)) {
                g.fillRect(Role.CHUNK_MARK, 0, r * lh + 1, Math.min(gutter, 3), Math.max(0, lh - 2));
            }
        }
    }
}
