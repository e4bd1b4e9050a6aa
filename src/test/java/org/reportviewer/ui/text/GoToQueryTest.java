package org.reportviewer.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reportviewer.testing.StridedLines;
import org.reportviewer.document.LineSource;
import org.reportviewer.document.ReportDocument;

/** Go to: line numbers as the gutter shows them and #chunk starts, on the document and on a subset. */
class GoToQueryTest {

    private ReportDocument doc;

    @BeforeEach
    void open() throws IOException {
        doc = ReportDocument.createTemp();
        doc.append(ByteString.copyFromUtf8("l1\nl2\nl3\n"));      // chunk 0: lines 1-3
        doc.append(ByteString.copyFromUtf8("l4\nl"));              // chunk 1: line 4
        doc.append(ByteString.copyFromUtf8("5\nl6\n"));            // chunk 2: begins inside line 5
    }

    @AfterEach
    void close() {
        doc.close();
    }

    @Test
    void linesAndChunks() {
        LineSource s = doc.snapshot();
        assertThat(GoToQuery.resolve("1", s)).isEqualTo(new GoToQuery.Result(0, true, "Line 1"));
        assertThat(GoToQuery.resolve(" 6 ", s).viewLine()).isEqualTo(5);
        assertThat(GoToQuery.resolve("#1", s)).isEqualTo(new GoToQuery.Result(3, true, "Chunk #1 starts on line 4"));
        assertThat(GoToQuery.resolve("#2", s)).isEqualTo(new GoToQuery.Result(4, true, "Chunk #2 starts on line 5"));
        assertThat(GoToQuery.resolve("#0", s).viewLine()).isZero();
    }

    @Test
    void badInputSaysWhy() {
        LineSource s = doc.snapshot();
        assertThat(GoToQuery.resolve("7", s).message()).isEqualTo("No line 7: lines go from 1 to 6");
        assertThat(GoToQuery.resolve("0", s).found()).isFalse();
        assertThat(GoToQuery.resolve("#3", s).message()).isEqualTo("No chunk #3: chunks go from #0 to #2");
        assertThat(GoToQuery.resolve("abc", s).message()).isEqualTo("Not a line number or #chunk: abc");
        assertThat(GoToQuery.resolve("#x", s).message()).isEqualTo("Not a chunk number: #x");
        assertThat(GoToQuery.resolve("", s).found()).isFalse();
        assertThat(GoToQuery.resolve("1", null).message()).isEqualTo("Nothing to go to yet");
        assertThat(GoToQuery.resolve("1,000,000", s).message()).isEqualTo("No line 1,000,000: lines go from 1 to 6");
    }

    @Test
    void onASubsetItGoesToTheNextShownLine() {
        LineSource even = new StridedLines(doc.snapshot(), 2, 1);
        assertThat(GoToQuery.resolve("4", even)).isEqualTo(new GoToQuery.Result(1, true, "Line 4"));
        assertThat(GoToQuery.resolve("3", even))
                .isEqualTo(new GoToQuery.Result(1, false, "Line 3 is not shown here; went to line 4"));
        assertThat(GoToQuery.resolve("#2", even).message()).isEqualTo("Chunk #2 starts on line 6");
    }
}
