package org.reportviewer.document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.reportviewer.testing.StridedLines;

/** Snapshots are frozen and versioned; a subset view maps its lines to document lines and back. */
class LineSourceTest {

    private static ByteString text(String s) {
        return ByteString.copyFrom(s, UTF_8);
    }

    @Test
    void aSnapshotDoesNotChangeWhileTheDocumentGrows() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp()) {
            d.append(text("one\ntw"));
            DocumentSnapshot s = d.snapshot();
            assertThat(s.latest()).isSameAs(s);
            d.append(text("o\nthree\n"));
            assertThat(s.lineCount()).isEqualTo(2);
            assertThat(s.lines(0, 10)).containsExactly("one", "tw");
            assertThat(s.find("three", 0, true, true, () -> false)).isEmpty();
            LineSource now = s.latest();
            assertThat(now.version()).isGreaterThan(s.version());
            assertThat(now.lines(0, 10)).containsExactly("one", "two", "three");
            assertThat(now.latest()).isSameAs(now);
            assertThat(now.chunks().count()).isEqualTo(2);
        }
    }

    @Test
    void theDocumentItselfShowsEveryLineAsItsOwnSourceLine() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp()) {
            d.append(text("a\nb\nc\n"));
            LineSource s = d.snapshot();
            assertThat(s.sourceLine(2)).isEqualTo(2);
            assertThat(s.viewLineAtOrAfter(1)).isEqualTo(1);
            assertThat(s.viewLineAtOrAfter(99)).isEqualTo(3);
        }
    }

    @Test
    void aSubsetViewMapsBothWaysAndFindsWithTheDefaultScan() throws IOException {
        try (ReportDocument d = ReportDocument.createTemp()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                sb.append(i % 3 == 0 ? "keep " : "drop ").append(i).append('\n');
            }
            d.append(text(sb.toString()));
            LineSource keep = new StridedLines(d.snapshot(), 3, 0);
            assertThat(keep.lineCount()).isEqualTo(667);
            assertThat(keep.line(10)).isEqualTo("keep 30");
            assertThat(keep.sourceLine(10)).isEqualTo(30);
            assertThat(keep.viewLineAtOrAfter(31)).isEqualTo(11);
            assertThat(keep.find("KEEP 1500", 0, true, false, () -> false)).isEqualTo(OptionalLong.of(500));
            assertThat(keep.find("keep 3", 600, false, true, () -> false)).isEqualTo(OptionalLong.of(133));
            assertThat(keep.find("drop", 0, true, true, () -> false)).isEmpty();
        }
    }
}
