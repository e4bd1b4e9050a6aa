package org.reportviewer.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.document.CsvRow;
import org.reportviewer.document.LineSource;
import org.reportviewer.server.DirectorySource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.reader.CsvTableView;
import org.reportviewer.ui.reader.TabReader;
import org.reportviewer.ui.text.ReportTextView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The table view and the filter in the real window (headless, Monocle) against a real gRPC server on
 * loopback, which serves a CSV file from a temp folder in 7-byte chunks (so quoted fields straddle
 * chunks) and the synthetic CSV report, paced so it is still streaming while the filter runs.
 */
@ExtendWith(ApplicationExtension.class)
class ReaderWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Quoted fields with commas, doubled quotes and line breaks; CRLF line ends. */
    private static final String PEOPLE = "id,name,note\r\n"
            + "1,\"Smith, Ann\",\"said \"\"hi\"\"\r\nthen left\"\r\n"
            + "2,Bo,plain\r\n"
            + "3,\"Lee\",\"multi\r\nline\r\nfield, with comma\"\r\n"
            + "4,\"\"\"Quoted\"\" Q\",\r\n";

    /** Rows in {@link #DEEP}: every third has a quoted line break, so its record spans two lines. */
    private static final int DEEP_ROWS = 1200;
    private static final String DEEP = deepCsv();

    private static String deepCsv() {
        StringBuilder sb = new StringBuilder("id,note\n");
        for (int r = 0; r < DEEP_ROWS; r++) {
            sb.append(r % 3 == 2 ? r + ",\"note " + r + "\nsecond line\"\n" : r + ",plain " + r + "\n");
        }
        return sb.toString();
    }

    /** The document line row {@code r} of {@link #DEEP} starts on: the header, then one or two lines a row. */
    private static long deepLineOf(long r) {
        return 1 + r + r / 3;
    }

    @TempDir
    static Path temp;
    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.starting(() -> {
        Path reports = Files.createDirectories(temp.resolve("served"));
        Files.writeString(reports.resolve("people.csv"), PEOPLE, UTF_8);
        Files.writeString(reports.resolve("deep.csv"), DEEP, UTF_8);
        return new ReportServer(ReportServer.netty("127.0.0.1", 0),
                new ReportCatalog(List.of(new SyntheticSource(), new DirectorySource(reports, 7))),
                Duration.ofSeconds(1)).start();
    });

    private WindowDriver window;
    private MainViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        window = server.showConnected(stage, temp);
        vm = window.vm();
    }

    // --- helpers ---

    private static <T> T onFx(FxRobot robot, Callable<T> c) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return out.get();
    }

    private ReportTabViewModel tab(FxRobot robot) {
        return onFx(robot, () -> vm.selectedTabProperty().get());
    }

    private ReportTabView tabView(FxRobot robot) {
        ReportTabViewModel t = tab(robot);
        return robot.lookup(".report-tab").match(n -> n.isVisible() && n.getScene() != null
                && ((ReportTabView) n).viewModel() == t).queryAs(ReportTabView.class);
    }

    private ReportTabViewModel startReport(FxRobot robot, String id) {
        robot.interact(() -> vm.reportIdTextProperty().set(id));
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        return tab(robot);
    }

    private void awaitState(ReportTabViewModel t, StreamState s) {
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return t.getState() == s;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitFx(FxRobot robot, Callable<Boolean> condition) {
        await().atMost(WAIT).until(() -> onFx(robot, condition));
    }

    /** The lines of the synthetic report of {@code bytes} bytes that contain {@code needle}. */
    private static List<Long> syntheticLinesWith(long bytes, String needle) {
        SyntheticText text = new SyntheticText();
        byte[] row = new byte[SyntheticText.ROW];
        List<Long> out = new ArrayList<>();
        for (long r = 0; r < bytes / SyntheticText.ROW; r++) {
            text.fill(r * SyntheticText.ROW, row);
            if (new String(row, UTF_8).contains(needle)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Long> sourceLines(LineSource s) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < s.lineCount(); i++) {
            out.add(s.sourceLine(i));
        }
        return out;
    }

    // --- tests ---

    @Test
    void csvWithQuotedFieldsAcrossChunksShowsTheRightCellsAndCopiesRowsAsCsv(FxRobot robot) {
        ReportTabViewModel t = startReport(robot, "people.csv");
        awaitState(t, StreamState.COMPLETED);
        ReportTabView v = tabView(robot);
        TabReader reader = TabReader.of(v);
        CsvTableView table = reader.table();

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        awaitFx(robot, () -> table.isVisible() && table.getItems() != null && table.getItems().size() == 4);
        assertThat(v.textView().isVisible()).isFalse();
        assertThat(onFx(robot, () -> table.getColumns().stream().map(TableColumn::getText).toList()))
                .containsExactly("#", "id", "name", "note");
        List<List<String>> rows = onFx(robot, () -> table.getItems().stream().map(CsvRow::fields).toList());
        assertThat(rows).containsExactly(
                List.of("1", "Smith, Ann", "said \"hi\"\r\nthen left"),
                List.of("2", "Bo", "plain"),
                List.of("3", "Lee", "multi\r\nline\r\nfield, with comma"),
                List.of("4", "\"Quoted\" Q", ""));
        // What is painted: the cells, with line breaks inside a field shown as ⏎, and the row numbers.
        List<String> cells = onFx(robot, () -> robot.lookup("#csv-table .table-cell").queryAllAs(Labeled.class)
                .stream().map(Labeled::getText).toList());
        assertThat(cells).contains("Smith, Ann", "said \"hi\"⏎then left", "multi⏎line⏎field, with comma",
                "\"Quoted\" Q", "1", "4");

        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectIndices(0, 2);
            table.requestFocus();
        });
        robot.push(KeyCode.CONTROL, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(robot, () -> Clipboard.getSystemClipboard().getString())).isEqualTo(
                "id,name,note\n"
                        + "1,\"Smith, Ann\",\"said \"\"hi\"\"\r\nthen left\"\n"
                        + "3,Lee,\"multi\r\nline\r\nfield, with comma\"\n");
        assertThat(table.copyStatus()).isEqualTo("copied 2 rows");

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(v.textView().isVisible()).isTrue();
        assertThat(table.isVisible()).isFalse();
    }

    @Test
    void filterFindsTheRightLinesOfAStreamingReportWhileTheWindowKeepsPulsing(FxRobot robot) {
        long size = 256 * 1024;
        ReportTabViewModel t = startReport(robot, "synthetic?size=256KiB&chunk=512B&delay=25");
        awaitFx(robot, () -> t.getState() == StreamState.STREAMING && t.bytesProperty().get() > 0);
        ReportTabView v = tabView(robot);
        ReportTextView text = v.textView();
        AtomicInteger pulses = new AtomicInteger();
        robot.interact(() -> window.stage().getScene().addPostLayoutPulseListener(pulses::incrementAndGet));

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        robot.write("apac");
        // While the report streams, the pane shows only matching lines, and more arrive.
        awaitFx(robot, () -> text.getSource() != null && text.getSource().lineCount() > 3);
        int pulsesWhileStreaming = pulses.get();
        assertThat(tab(robot).getState()).as("still streaming (make the report slower if not)")
                .isEqualTo(StreamState.STREAMING);
        assertThat(onFx(robot, text::visibleLines)).isNotEmpty().allSatisfy(l -> assertThat(l).contains("APAC"));
        awaitFx(robot, () -> pulses.get() >= pulsesWhileStreaming + 10 || t.getState() != StreamState.STREAMING);
        assertThat(pulses.get()).as("the window kept pulsing while the filter ran on the stream")
                .isGreaterThanOrEqualTo(pulsesWhileStreaming + 10);

        awaitState(t, StreamState.COMPLETED);
        List<Long> expected = syntheticLinesWith(size, "APAC");
        awaitFx(robot, () -> text.getSource().latest().lineCount() == expected.size()
                && reader(v).viewModel().filterCaughtUp());
        robot.interact(text::refresh);
        assertThat(sourceLines(onFx(robot, text::getSource))).isEqualTo(expected);
        assertThat(robot.lookup("#filter-status").queryAs(Labeled.class).getText())
                .isEqualTo(String.format("%,d of %,d lines match", expected.size(), size / SyntheticText.ROW));
        assertThat(onFx(robot, text::visibleLines)).allSatisfy(l -> assertThat(l).contains("APAC"));
    }

    private static TabReader reader(ReportTabView v) {
        return TabReader.of(v);
    }

    @Test
    void clearingTheFilterKeepsTheLineYouWereOnInView(FxRobot robot) {
        ReportTabViewModel t = startReport(robot, "synthetic?size=64KiB");
        awaitState(t, StreamState.COMPLETED);
        ReportTabView v = tabView(robot);
        ReportTextView text = v.textView();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        robot.write("gizmo");
        List<Long> gizmo = syntheticLinesWith(64 * 1024, "Gizmo");
        awaitFx(robot, () -> text.getSource().lineCount() == gizmo.size() && reader(v).viewModel().filterCaughtUp());
        // The reader scrolls the filtered view to its 40th match, then clears the filter with Esc.
        robot.interact(() -> text.scrollToLine(40));
        long place = gizmo.get(40);
        assertThat(onFx(robot, () -> text.getSource().sourceLine(text.firstVisibleLine()))).isEqualTo(place);
        robot.push(KeyCode.ESCAPE);
        awaitFx(robot, () -> text.getSource().lineCount() == 64 * 1024 / SyntheticText.ROW);
        assertThat(onFx(robot, text::firstVisibleLine)).isEqualTo(place);
        assertThat(onFx(robot, text::visibleLines).get(0)).contains("Gizmo");
        assertThat(tab(robot).getState()).as("Esc closed the filter, it did not touch the stream")
                .isEqualTo(StreamState.COMPLETED);

        // The same in the table, filtering one column: the row you were on stays in view.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        CsvTableView table = reader(v).table();
        awaitFx(robot, () -> table.getItems() != null && table.getItems().size() == 64 * 1024 / SyntheticText.ROW - 1);
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F);
        robot.interact(() -> robot.lookup("#filter-column").queryComboBox().getSelectionModel().select("product"));
        robot.write("gizmo");
        awaitFx(robot, () -> table.getItems().size() == gizmo.size() && reader(v).viewModel().filterCaughtUp());
        robot.interact(() -> {
            table.scrollTo(30);
            table.getSelectionModel().clearAndSelect(30);
            table.getFocusModel().focus(30);
        });
        long row = onFx(robot, () -> table.getItems().get(30).row());
        assertThat(row).isEqualTo(gizmo.get(30) - 1); // data row numbers skip the header line
        robot.clickOn("#filter-close");
        awaitFx(robot, () -> table.getItems().size() == 64 * 1024 / SyntheticText.ROW - 1);
        assertThat(onFx(robot, () -> table.getSelectionModel().getSelectedItem().row())).isEqualTo(row);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> onScreen = onFx(robot, () -> robot.lookup("#csv-table .table-row-cell").queryAllAs(
                javafx.scene.control.TableRow.class).stream().filter(r -> r.isVisible() && r.getItem() != null)
                .map(r -> Long.toString(((CsvRow) r.getItem()).row())).toList());
        assertThat(onScreen).contains(Long.toString(row));
    }

    /**
     * Ctrl+1 / Ctrl+2 keep the reader's place: the row selected deep in a table of a CSV report that came
     * in thousands of chunks is the top line of the text view, and a line inside a record with a quoted
     * line break brings that record's row to the top of the table (and selects it).
     */
    @Test
    void switchingBetweenTextAndTableKeepsTheRecordInView(FxRobot robot) {
        ReportTabViewModel t = startReport(robot, "deep.csv");
        awaitState(t, StreamState.COMPLETED);
        assertThat(t.chunksProperty().get()).as("a report of many chunks").isGreaterThan(1000);
        ReportTabView v = tabView(robot);
        ReportTextView text = v.textView();
        CsvTableView table = reader(v).table();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        awaitFx(robot, () -> table.isVisible() && table.getItems() != null && table.getItems().size() == DEEP_ROWS);

        int row = 1000; // its record holds no line break; 333 before it do
        robot.interact(() -> {
            table.scrollTo(row);
            table.getSelectionModel().clearAndSelect(row);
            table.getFocusModel().focus(row);
        });
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        awaitFx(robot, text::isVisible);
        assertThat(onFx(robot, text::firstVisibleLine)).isEqualTo(deepLineOf(row));
        assertThat(onFx(robot, text::visibleLines).get(0)).isEqualTo(row + ",plain " + row);

        // The second line of row 800's record ("second line"), scrolled to the top of the text view.
        long second = deepLineOf(800) + 1;
        robot.interact(() -> text.scrollToLine(second));
        assertThat(onFx(robot, text::visibleLines).get(0)).isEqualTo("second line\"");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        awaitFx(robot, () -> table.isVisible() && table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().row() == 800);
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> onScreen = onFx(robot, () -> robot.lookup("#csv-table .table-row-cell").queryAllAs(
                javafx.scene.control.TableRow.class).stream().filter(r -> r.isVisible() && r.getItem() != null)
                .map(r -> ((CsvRow) r.getItem()).row()).toList());
        assertThat(onScreen).as("rows on screen").contains(800L);
    }

    /** A column filter set on the view-model before the report's header arrives stays on that column. */
    @Test
    void aColumnFilterSetBeforeTheHeaderArrivesKeepsItsColumn(FxRobot robot) {
        TabReader reader = reader(tabView(robot));
        robot.interact(() -> {
            reader.setMode(org.reportviewer.ui.reader.ReaderMode.TABLE);
            reader.viewModel().regexProperty().set(true);
            reader.viewModel().columnProperty().set(1);
            reader.viewModel().filterTextProperty().set("^plain 1");
        });
        ReportTabViewModel t = startReport(robot, "deep.csv");
        awaitState(t, StreamState.COMPLETED);
        long expected = java.util.stream.IntStream.range(0, DEEP_ROWS)
                .filter(r -> r % 3 != 2 && Integer.toString(r).startsWith("1")).count();
        CsvTableView table = reader.table();
        // The table's rows are published after the filter's live count: wait for what the window shows.
        awaitFx(robot, () -> reader.viewModel().filterCaughtUp() && table.getItems() != null
                && reader.viewModel().rows() != null && reader.viewModel().rows().rowCount() == DEEP_ROWS
                && table.getItems().size() == expected);
        assertThat(onFx(robot, () -> table.getItems().get(0).fields())).containsExactly("1", "plain 1");
        assertThat(onFx(robot, () -> robot.lookup("#filter-column").queryComboBox().getValue())).isEqualTo("note");
    }
}
