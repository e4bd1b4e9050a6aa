package org.reportviewer.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reportviewer.document.ReportDocument;

/** The pane's models without a toolkit: viewport and follow, selection, find and copy. */
class TextPaneModelsTest {

    private static final FontMetrics FONT = new FontMetrics(8, 16, 12);
    private static final Executor DIRECT = Runnable::run;

    private ReportDocument doc;
    private final Viewport vp = new Viewport();
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        doc = ReportDocument.createTemp();
        vp.setListener(new Viewport.Listener() {
            @Override
            public void scrolled() {
                events.add("scrolled");
            }

            @Override
            public void linesChanged() {
                events.add("lines");
            }

            @Override
            public void tailGrew() {
                events.add("tail");
            }
        });
    }

    @AfterEach
    void close() {
        doc.close();
    }

    private void rows(int from, int to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("row ").append(i).append('\n');
        }
        doc.append(ByteString.copyFromUtf8(sb.toString()));
    }

    @Test
    void followsTheTailUntilScrolledUpAndResumesAtTheEnd() throws IOException {
        rows(0, 100);
        vp.setSize(400, 160, FONT); // 10 rows
        vp.setSource(doc.snapshot());
        assertThat(vp.topLine()).isEqualTo(90);
        rows(100, 120);
        vp.refresh();
        assertThat(vp.topLine()).isEqualTo(110);
        assertThat(vp.visibleLines()).endsWith("row 119");

        vp.scrollBy(-vp.page());
        assertThat(vp.followTailProperty().get()).isFalse();
        long parked = vp.topLine();
        rows(120, 200);
        vp.refresh();
        assertThat(vp.topLine()).isEqualTo(parked);

        vp.scrollTo(Long.MAX_VALUE, true);
        assertThat(vp.followTailProperty().get()).isTrue();
        rows(200, 210);
        vp.refresh();
        assertThat(vp.topLine()).isEqualTo(200);
    }

    @Test
    void refreshSaysWhatChangedAndNothingWhenNothingDid() throws IOException {
        rows(0, 5);
        vp.setSize(400, 160, FONT);
        vp.setSource(doc.snapshot());
        events.clear();
        vp.refresh();
        assertThat(events).isEmpty();
        doc.append(ByteString.copyFromUtf8("p"));
        vp.refresh();
        assertThat(events).containsExactly("lines");
        events.clear();
        doc.append(ByteString.copyFromUtf8("ar")); // still shorter than the longest line: only the tail grew
        vp.refresh();
        assertThat(events).containsExactly("tail");
        assertThat(vp.visibleLines()).endsWith("par");
    }

    @Test
    void aResizeKeepsTheTailInViewAndClampsTheOffset() throws IOException {
        doc.append(ByteString.copyFromUtf8("x".repeat(300) + "\n" + "short\n".repeat(50)));
        vp.setSize(200, 160, FONT);
        vp.setSource(doc.snapshot());
        vp.setHorizontalOffset(1e9);
        assertThat(vp.horizontalOffset()).isEqualTo(vp.maxXOffset()).isPositive();
        assertThat(vp.setSize(4000, 320, FONT)).isTrue();
        assertThat(vp.horizontalOffset()).isZero();
        assertThat(vp.topLine()).isEqualTo(vp.lineCount() - 20);
        assertThat(vp.setSize(0, 0, FONT)).isTrue();
        assertThat(vp.fullRows()).isEqualTo(1);
        assertThat(vp.visibleLines()).hasSize(1);
    }

    @Test
    void selectionIsWholeLinesInEitherDirection() {
        LineSelection s = new LineSelection();
        assertThat(s.isEmpty()).isTrue();
        s.select(7, 3);
        assertThat(s.from()).isEqualTo(3);
        assertThat(s.to()).isEqualTo(7);
        assertThat(s.contains(5)).isTrue();
        s.extendTo(10);
        assertThat(s.from()).isEqualTo(7);
        assertThat(s.contains(3)).isFalse();
        s.clear();
        assertThat(s.contains(7)).isFalse();
    }

    @Test
    void findWrapsAndContinuesFromTheLastMatch() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 100 || i == 700 ? "the Needle" : "hay").append('\n');
        }
        doc.append(ByteString.copyFromUtf8(sb.toString()));
        FindCopyModel m = new FindCopyModel(DIRECT, DIRECT);
        List<Long> shown = new ArrayList<>();
        m.find(doc.snapshot(), "needle", true, false, 500, shown::add);
        assertThat(m.statusProperty().get()).isEqualTo("line 701");
        m.find(doc.snapshot(), "needle", true, false, 500, shown::add);
        assertThat(m.statusProperty().get()).isEqualTo("line 101 (wrapped)");
        m.find(doc.snapshot(), "needle", false, false, 500, shown::add);
        assertThat(m.statusProperty().get()).isEqualTo("line 701 (wrapped)");
        assertThat(shown).containsExactly(700L, 100L, 700L);
        m.find(doc.snapshot(), "needle", true, true, 0, shown::add);
        assertThat(m.statusProperty().get()).isEqualTo("not found");
        assertThat(m.matchLine()).isEqualTo(-1);
    }

    @Test
    void aNewFindDropsTheResultOfTheOldOne() throws IOException {
        rows(0, 100);
        Queue<Runnable> background = new ArrayDeque<>();
        FindCopyModel m = new FindCopyModel(background::add, DIRECT);
        List<Long> shown = new ArrayList<>();
        m.find(doc.snapshot(), "row 10", true, true, 0, shown::add);
        m.find(doc.snapshot(), "row 99", true, true, 0, shown::add);
        assertThat(background).hasSize(2);
        background.forEach(Runnable::run);
        assertThat(shown).containsExactly(99L);
        assertThat(m.statusProperty().get()).isEqualTo("line 100");
    }

    @Test
    void copyIsCappedAndSaysSo() throws IOException {
        rows(0, 100);
        FindCopyModel m = new FindCopyModel(DIRECT, DIRECT);
        m.setCopyLimitChars(50);
        List<String> clipboard = new ArrayList<>();
        m.copy(doc.snapshot(), 0, 99, clipboard::add);
        assertThat(clipboard).containsExactly("row 0\nrow 1\nrow 2\nrow 3\nrow 4\nrow 5\nrow 6\nrow 7");
        assertThat(m.statusProperty().get())
                .isEqualTo("copied the first 8 of 100 lines (copying is limited to 50 characters)");
        assertThat(m.text(doc.snapshot(), 3, 4)).isEqualTo("row 3\nrow 4");
    }
}
