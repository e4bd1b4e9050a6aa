package org.reportviewer.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.reportviewer.document.ReportDocument;

/**
 * The painter at every size from 0×0 up, every scroll position and every document state (empty,
 * streaming with a partial last line, closed), with a selection and a find match on screen: it never
 * throws, never draws a negative rectangle, and draws exactly the columns of each visible line that
 * fit. Plain Java: the painter draws on a checking surface instead of a Canvas.
 */
class RowPainterPropertyTest {

    private static final Executor DIRECT = Runnable::run;
    private static final List<FontMetrics> FONTS = List.of(new FontMetrics(8, 16, 12), new FontMetrics(7.8, 17, 13));

    private enum State { EMPTY, STREAMING, CLOSED }

    /** A document in {@code state}: 40 lines of varied widths (tabs, control characters), the last one partial. */
    private static ReportDocument document(State state) throws IOException {
        ReportDocument d = ReportDocument.createTemp();
        if (state != State.EMPTY) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                sb.append("row ").append(i).append(i % 7 == 0 ? "\tTAB\u0001" : "").append(" x".repeat(i % 13))
                        .append(i % 5 == 0 ? " needle" : "").append('\n');
            }
            sb.append("partial needle line, still arriving");
            d.append(ByteString.copyFromUtf8(sb.toString()));
        }
        if (state == State.CLOSED) {
            d.close();
        }
        return d;
    }

    @Test
    void everySizeEveryPositionEveryState() throws IOException {
        long frames = 0;
        long textRuns = 0;
        for (State state : State.values()) {
            try (ReportDocument d = document(state)) {
                Viewport vp = new Viewport();
                LineSelection sel = new LineSelection();
                FindCopyModel fc = new FindCopyModel(DIRECT, DIRECT);
                vp.setSource(d.snapshot());
                if (state != State.EMPTY && state != State.CLOSED) {
                    sel.select(3, 12);
                    fc.find(vp.source(), "needle", true, false, 0, line -> {});
                    assertThat(fc.matchLine()).isEqualTo(0);
                }
                for (FontMetrics font : FONTS) {
                    for (int w = 0; w <= 260; w++) {
                        for (int h = 0; h <= 120; h += w % 2 == 0 ? 7 : 11) {
                            vp.setSize(w, h, font);
                            for (long top : positions(vp)) {
                                vp.scrollTo(top, true);
                                for (double x : new double[] {0, vp.maxXOffset() / 2, vp.maxXOffset(), 1e9}) {
                                    vp.setHorizontalOffset(x);
                                    textRuns += paintAndCheck(vp, sel, fc);
                                    frames++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(frames).isGreaterThan(100_000);
        assertThat(textRuns).as("text actually drawn in the streaming state").isGreaterThan(10_000);
    }

    @Test
    void everyScrollPositionOfALongLineOnASmallPane() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp()) {
            d.append(ByteString.copyFromUtf8("a".repeat(500) + "\n" + "b\u00e9".repeat(300) + "\n" + "c\n".repeat(50)));
            Viewport vp = new Viewport();
            vp.setSource(d.snapshot());
            LineSelection sel = new LineSelection();
            FindCopyModel fc = new FindCopyModel(DIRECT, DIRECT);
            for (int w : new int[] {0, 10, 45, 60, 200}) {
                vp.setSize(w, 50, FONTS.get(1));
                for (long top = 0; top <= vp.lineCount() + 1; top++) {
                    vp.scrollTo(top, true);
                    for (double x = 0; x <= vp.maxXOffset() + 20; x += 3.5) {
                        vp.setHorizontalOffset(x);
                        paintAndCheck(vp, sel, fc);
                    }
                }
            }
        }
    }

    private static List<Long> positions(Viewport vp) {
        List<Long> out = new ArrayList<>(List.of(0L, 1L, vp.lineCount() / 2, vp.maxTop(), Long.MAX_VALUE));
        out.add(-5L);
        return out;
    }

    /** Paints one frame on a checking surface; returns how many text runs it drew. */
    private static int paintAndCheck(Viewport vp, LineSelection sel, FindCopyModel fc) {
        List<String> lines = vp.visibleLines();
        RowPainter.Frame f = RowPainter.frame(vp, sel, fc, lines, line -> line % 10 == 0);
        Checking surface = new Checking(f);
        RowPainter.paint(surface, f);
        return surface.textRuns;
    }

    /** Fails on anything a Canvas would draw wrongly or that would have thrown. */
    private static final class Checking implements RowPainter.Surface {
        private final RowPainter.Frame f;
        private final int cols;
        private final int firstCol;
        int textRuns;

        Checking(RowPainter.Frame f) {
            this.f = f;
            double textX = f.gutterWidth() + Viewport.PAD;
            this.cols = (int) Math.max(0, Math.ceil((f.width() - textX) / f.metrics().charWidth()) + 2);
            this.firstCol = (int) Math.floor(f.xOffset() / f.metrics().charWidth());
        }

        @Override
        public void fillRect(RowPainter.Role role, double x, double y, double w, double h) {
            // Plain checks, not AssertJ: this runs millions of times.
            if (!Double.isFinite(x) || !Double.isFinite(y) || !(w >= 0) || !(h >= 0)) {
                throw new AssertionError(role + " rectangle " + x + "," + y + " " + w + "x" + h + " in " + f);
            }
        }

        @Override
        public void fillText(RowPainter.Role role, String text, double x, double baselineY) {
            int row = (int) Math.floor(baselineY / f.metrics().lineHeight());
            if (row < 0 || row >= f.lines().size()) {
                throw new AssertionError("text on row " + row + " of " + f.lines().size() + " in " + f);
            }
            String expected;
            if (role == RowPainter.Role.TEXT) {
                String shown = DisplayText.of(f.lines().get(row));
                expected = shown.substring(firstCol, Math.min(shown.length(), firstCol + cols));
                textRuns++;
            } else {
                expected = Long.toString(f.topLine() + row + 1);
            }
            if (text.isEmpty() || !text.equals(expected)) {
                throw new AssertionError(role + " drew '" + text + "', expected '" + expected + "' in " + f);
            }
        }
    }
}
