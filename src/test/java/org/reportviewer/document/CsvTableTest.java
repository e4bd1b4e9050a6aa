package org.reportviewer.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void guessesTheDelimiterFromTheFirstLines() {
        assertThat(CsvTable.guessDelimiter(List.of("a,b,c", "1,2,3", "4,\"5,5\",6"))).isEqualTo(',');
        assertThat(CsvTable.guessDelimiter(List.of("a\tb", "x, y\tz", "1,2,3\t4"))).isEqualTo('\t');
        assertThat(CsvTable.guessDelimiter(List.of("a;b;c", "1,5;2;3", "4;5;6,7"))).isEqualTo(';');
        assertThat(CsvTable.guessDelimiter(List.of("plain text", "no fields here"))).isEqualTo(',');
    }

    @Test
    void measuresColumnsOnASampleOfRowsAndWaitsForEnoughLines() throws IOException {
        try (ReportDocument doc = ReportDocument.createTemp()) {
            CsvTable table = new CsvTable(doc, Runnable::run, () -> { });
            doc.append(ByteString.copyFromUtf8("id\tname\tnote\n1\tAnn\t\"two\nlines, longer\"\n"));
            table.sourceChanged(false);
            assertThat(table.index()).as("two lines are too few to guess from").isNull();
            table.sourceChanged(true);
            assertThat(table.index().delimiter()).isEqualTo('\t');
            assertThat(table.index().header()).containsExactly("id", "name", "note");
            assertThat(table.rowCount()).isEqualTo(1);
            assertThat(table.widths()).containsExactly(2, 4, 13);
            doc.append(ByteString.copyFromUtf8("22222\t" + "x".repeat(500) + "\n"));
            table.sourceChanged(true);
            assertThat(table.widths()).containsExactly(5, CsvTable.MAX_WIDTH, 13);
        }
    }
}
