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
}
