package org.reportviewer.ui.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reportviewer.document.LineSource;
import org.reportviewer.document.MatchList;
import org.reportviewer.document.ReportDocument;
import org.reportviewer.ui.UiExecutor;

/** The tab's reading state without a toolkit: direct executors, a real document. */
class ReaderViewModelTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ReaderViewModel newModel(ReportDocument doc) {
        ReaderViewModel vm = new ReaderViewModel(UiExecutor.direct(), Runnable::run);
        open.add(vm);
        vm.setDocument(doc);
        return vm;
    }

    private ReportDocument newDoc(String text) throws IOException {
        ReportDocument d = ReportDocument.createTemp();
        open.add(d);
        d.append(ByteString.copyFromUtf8(text));
        return d;
    }

    @Test
    void textFilterShowsMatchingLinesWithACountAndClearsBackToAllLines() throws IOException {
        ReportDocument doc = newDoc("alpha\nbeta\nALPHA two\ngamma\n");
        ReaderViewModel vm = newModel(doc);
        vm.documentChanged(true);
        assertThat(vm.filteredLines()).isNull();

        vm.filterTextProperty().set("alpha");
        LineSource shown = vm.filteredLines();
        assertThat(shown.lines(0, 10)).containsExactly("alpha", "ALPHA two");
        assertThat(vm.filterStatusProperty().get()).isEqualTo("2 of 4 lines match");

        vm.matchCaseProperty().set(true);
        assertThat(vm.filteredLines().lines(0, 10)).containsExactly("alpha");
        assertThat(vm.filterStatusProperty().get()).isEqualTo("1 of 4 lines match");

        vm.filterTextProperty().set("");
        assertThat(vm.filteredLines()).isNull();
        assertThat(vm.filterStatusProperty().get()).isEmpty();
    }

    @Test
    void aBadRegexSaysWhyAndTheTableFiltersRowsByColumn() throws IOException {
        ReportDocument doc = newDoc("name,city\nAnn,Paris\nParis,Rome\nBo,\"Paris\nTX\"\n");
        ReaderViewModel vm = newModel(doc);
        vm.documentChanged(true);
        vm.regexProperty().set(true);
        vm.filterTextProperty().set("(");
        assertThat(vm.filterStatusProperty().get()).startsWith("Bad regular expression: ");

        long revision = vm.revisionProperty().get();
        vm.modeProperty().set(ReaderMode.TABLE);
        assertThat(vm.revisionProperty().get()).isGreaterThan(revision);
        assertThat(vm.rows()).as("the table indexes once it is shown").isNotNull();
        assertThat(vm.rows().rowCount()).isEqualTo(3);
        assertThat(vm.columnWidths()).containsExactly(5, 5);

        vm.filterTextProperty().set("^Paris");
        vm.columnProperty().set(1);
        MatchList rows = vm.rowMatches();
        assertThat(rows.size()).isEqualTo(2);
        assertThat(List.of(rows.get(0), rows.get(1))).containsExactly(0L, 2L);
        assertThat(vm.filterStatusProperty().get()).isEqualTo("2 of 3 rows match");
        assertThat(vm.filteredLines()).as("the text filter is off in table mode").isNull();
    }

    /**
     * Switching views keeps the place: text line L gives the row whose record holds L (the header's
     * line gives row 0, a line inside a quoted line break its record, a blank line the next row), and
     * the table's row gives its first line back.
     */
    @Test
    void switchingViewsKeepsThePlaceThroughTheRecordThatHoldsTheLine() throws IOException {
        // line: 0 header, 1 row 0, 2-4 row 1 (quoted line breaks), 5 blank, 6 row 2, 7 row 3
        ReportDocument doc = newDoc("id,note\n1,a\n2,\"x\ny\nz\"\n\n3,b\n4,c\n");
        ReaderViewModel vm = newModel(doc);
        vm.documentChanged(true);
        long[] textTop = {0};
        long[] tableRow = {-1};
        vm.setPlaceReader(m -> m == ReaderMode.TEXT ? textTop[0] : tableRow[0]);
        long[][] lineToRow = {{0, 0}, {1, 0}, {2, 1}, {3, 1}, {4, 1}, {5, 2}, {6, 2}, {7, 3}};
        for (long[] c : lineToRow) {
            textTop[0] = c[0];
            vm.modeProperty().set(ReaderMode.TABLE);
            assertThat(vm.takePlace()).as("text line %d", c[0]).isEqualTo(c[1]);
            assertThat(vm.takePlace()).as("a place is given once").isEqualTo(-1);
            tableRow[0] = c[1];
            vm.modeProperty().set(ReaderMode.TEXT);
            assertThat(vm.takePlace()).as("row %d", c[1]).isEqualTo(new long[] {1, 2, 6, 7}[(int) c[1]]);
        }
    }

    /** While the table has not indexed the text's line yet, the place waits for it. */
    @Test
    void thePlaceWaitsForTheRowIndexToReachTheLine() throws IOException {
        StringBuilder text = new StringBuilder("id,note\n");
        for (int i = 1; i <= 40; i++) {
            text.append(i).append(",a\n");
        }
        ReportDocument doc = newDoc(text + "41,\"open\nquote"); // lines 41-42: row 40, not complete
        ReaderViewModel vm = newModel(doc);
        vm.documentChanged(false);
        vm.setPlaceReader(m -> m == ReaderMode.TEXT ? 42 : -1);
        vm.modeProperty().set(ReaderMode.TABLE);
        assertThat(vm.rows().rowCount()).isEqualTo(40);
        assertThat(vm.takePlace()).as("line 42 is in a record still open").isEqualTo(-1);
        doc.append(ByteString.copyFromUtf8(" ends\"\n42,b\n"));
        vm.documentChanged(false);
        assertThat(vm.takePlace()).isEqualTo(40);
    }
}
