package org.reportviewer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.server.CallRecord;
import org.reportviewer.server.DemoSource;
import org.reportviewer.server.ReportCatalog;
import org.reportviewer.server.ReportServer;
import org.reportviewer.server.SyntheticSource;
import org.reportviewer.server.SyntheticText;
import org.reportviewer.testing.CallRecords;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.testing.WindowDriver;
import org.reportviewer.testing.WindowTestServer;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;
import org.reportviewer.document.ReportDocument;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (headless, Monocle) against real gRPC servers on loopback: what a user sees and
 * does, through the keyboard and the buttons.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SLOW = "synthetic?size=200B&chunk=1B&delay=50";

    @RegisterExtension
    static final WindowTestServer server = WindowTestServer.standard(5, Duration.ofSeconds(1));

    @TempDir
    static Path temp;
    private Preferences prefs;
    private MainViewModel vm;
    private MainView view;
    private ConnectionManager connections;
    private WindowDriver window;

    @Start
    void start(Stage stage) throws Exception {
        window = server.showConnected(stage, temp);
        vm = window.vm();
        view = window.view();
        prefs = window.prefs();
        connections = window.connections();
    }

    /**
     * A server of one test's own, counting the TCP connections (HTTP/2 transports) it accepts: what it
     * records, counts and still streams belongs to that test alone, not to one before it whose stream
     * is still ending on the shared server.
     */
    private static final class OwnServer implements AutoCloseable {

        final AtomicInteger transports = new AtomicInteger();
        final ReportServer server;

        OwnServer() throws IOException {
            ServerTransportFilter counter = new ServerTransportFilter() {
                @Override
                public Attributes transportReady(Attributes attrs) {
                    transports.incrementAndGet();
                    return attrs;
                }
            };
            server = new ReportServer(ReportServer.netty("127.0.0.1", 0).addTransportFilter(counter),
                    new ReportCatalog(List.of(new DemoSource(5), new SyntheticSource())), Duration.ofSeconds(1)).start();
        }

        String target() {
            return "127.0.0.1:" + server.port();
        }

        /**
         * The server saw the cancel of {@code records}' call: it ended CANCELLED, the server produced at
         * most one chunk after it saw the cancel, and no stream is left running on it.
         */
        CallRecord assertStoppedOnCancel(CallRecords records) throws InterruptedException {
            CallRecord record = records.next(WAIT);
            assertThat(record.status()).isEqualTo(Status.Code.CANCELLED);
            assertThat(record.chunksAfterCancel()).as("chunks produced after the server saw the cancel")
                    .isLessThanOrEqualTo(1);
            await().atMost(WAIT).until(() -> server.metrics().activeStreams() == 0);
            return record;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Starts a server of this test's own and aims the window at it. */
    private OwnServer ownServer() throws IOException {
        OwnServer own = new OwnServer();
        window.connectTo(own.target());
        return own;
    }

    // --- helpers: the window driver's, in this test's words ---

    private ReportTabViewModel tab(FxRobot robot) {
        return window.selectedTab();
    }

    private ReportTabView tabView(FxRobot robot) {
        return window.selectedTabView();
    }

    private void typeReport(FxRobot robot, String id) {
        window.typeReport(id);
        assertThat(vm.reportIdTextProperty().get()).isEqualTo(id);
    }

    private void startWithKeyboard(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
    }

    /** Types {@code id}, starts it from the keyboard and waits for the selected tab to end in {@code end}. */
    private ReportTabViewModel runToEnd(FxRobot robot, String id, StreamState end) {
        typeReport(robot, id);
        startWithKeyboard(robot);
        ReportTabViewModel t = tab(robot);
        awaitState(robot, t, end);
        return t;
    }

    /** Starts {@link #SLOW} in the selected tab from the keyboard and waits for its first chunk. */
    private ReportTabViewModel startSlowReport(FxRobot robot) {
        typeReport(robot, SLOW);
        startWithKeyboard(robot);
        ReportTabViewModel t = tab(robot);
        await().atMost(WAIT).until(() -> t.chunksProperty().get() >= 1);
        return t;
    }

    private void awaitState(FxRobot robot, ReportTabViewModel t, StreamState s) {
        window.awaitState(t, s);
    }

    private static byte[] bytesOf(ReportDocument doc, Path dir) throws Exception {
        Path f = dir.resolve("doc-" + UUID.randomUUID());
        doc.saveTo(f);
        return Files.readAllBytes(f);
    }

    private static byte[] synthetic(int n) {
        byte[] b = new byte[n];
        new SyntheticText().fill(0, b);
        return b;
    }

    // --- tests ---

    @Test
    void demoArrivesAndThePaneShowsTheTenLinesInOrderWithFullProgress(FxRobot robot) {
        ReportTabViewModel t = runToEnd(robot, "demo", StreamState.COMPLETED);

        ReportTabView v = tabView(robot);
        List<String> expected = IntStream.range(0, 10).mapToObj(i -> "This is chunk " + i + " of report demo").toList();
        AtomicReference<List<String>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(List.copyOf(v.textView().visibleLines())));
        assertThat(shown.get()).containsExactlyElementsOf(expected);
        assertThat(v.progressBar().getProgress()).isEqualTo(1.0);
        assertThat(v.explanationLabel().getText()).startsWith("OK");
        assertThat(v.statusLineLabel().getText()).contains("10 / 10 chunks");
        assertThat(robot.lookup("#start").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#cancel").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup(".tab.state-completed").tryQuery()).as("the tab header shows the state").isPresent();

        // Ctrl+F finds within the report.
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.write("chunk 7").push(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return v.textView().matchLine() == 7;
        });
    }

    /** What the tab shows at one moment, read in one go on the FX thread. */
    private record ProgressSeen(StreamState state, boolean indeterminate, double progress, long chunks, long total) {}

    private static final Pattern CHUNKS_SHOWN = Pattern.compile("· ([\\d,]+) / ([\\d,]+) chunks ·");

    private ProgressSeen progressSeen(FxRobot robot, ReportTabViewModel t, ReportTabView v) {
        AtomicReference<ProgressSeen> seen = new AtomicReference<>();
        robot.interact(() -> {
            Matcher m = CHUNKS_SHOWN.matcher(v.statusLineLabel().getText());
            assertThat(m.find()).as("the status line shows chunks of a total: %s", v.statusLineLabel().getText())
                    .isTrue();
            seen.set(new ProgressSeen(t.getState(), v.progressBar().isIndeterminate(), v.progressBar().getProgress(),
                    Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))));
        });
        return seen.get();
    }

    @Test
    void aKnownTotalMakesTheBarDeterminateMidStream(FxRobot robot) {
        // 400 chunks 50 ms apart (20 s): still streaming long after the 20th and 40th chunks are read.
        typeReport(robot, "synthetic?size=400KiB&chunk=1KiB&delay=50");
        startWithKeyboard(robot);
        ReportTabViewModel t = tab(robot);
        ReportTabView v = tabView(robot);

        window.awaitFx(() -> t.chunksProperty().get() >= 20);
        ProgressSeen first = progressSeen(robot, t, v);
        window.awaitFx(() -> t.chunksProperty().get() >= 40);
        ProgressSeen later = progressSeen(robot, t, v);

        for (ProgressSeen seen : List.of(first, later)) {
            assertThat(seen.state()).as("still streaming").isEqualTo(StreamState.STREAMING);
            assertThat(seen.total()).as("the server's total_chunks").isEqualTo(400);
            assertThat(seen.indeterminate()).as("a known total: not indeterminate").isFalse();
            // The bar and the status line come from the same coalesced update: allow a chunk or two.
            assertThat(seen.progress()).as("bar value vs %d of %d chunks shown", seen.chunks(), seen.total())
                    .isCloseTo((double) seen.chunks() / seen.total(), within(2.0 / seen.total()));
        }
        assertThat(first.chunks()).isGreaterThanOrEqualTo(20);
        assertThat(later.progress()).as("the bar moves on").isGreaterThan(first.progress());
    }

    @Test
    void themeAndFieldsAreRememberedInThePreferences(FxRobot robot) {
        robot.clickOn("#theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).contains("primer-dark");
        robot.interact(() -> {
            vm.reportIdTextProperty().set("synthetic?size=1MiB");
            vm.deadlineTextProperty().set("30s");
        });
        assertThat(prefs.getBoolean("dark", false)).isTrue();

        // A later run reads them back.
        robot.interact(() -> {
            MainViewModel next = new MainViewModel(UiExecutor.fx(), server.io(), connections, window.embedded(),
                    ReportViewerApp.spoolDocuments());
            MainView nextView = new MainView(next, (o, n, p) -> null);
            new AppSettings(prefs).restore(next, nextView);
            assertThat(next.targetTextProperty().get()).isEqualTo(server.target());
            assertThat(next.useEmbeddedProperty().get()).isFalse();
            assertThat(next.reportIdTextProperty().get()).isEqualTo("synthetic?size=1MiB");
            assertThat(next.deadlineTextProperty().get()).isEqualTo("30s");
            assertThat(nextView.darkProperty().get()).isTrue();
        });
        robot.clickOn("#theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).contains("primer-light");
    }

    @Test
    void catalogFillsThePickerWithTitles(FxRobot robot) {
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#report").queryComboBox().getItems().contains("demo");
        });
        robot.clickOn("#report .arrow-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(c -> c.getText()).filter(s -> s != null && s.contains("Demo report")).findFirst())
                .hasValueSatisfying(s -> assertThat(s).contains("B"));
        robot.push(KeyCode.ESCAPE);
    }

    @Test
    void cancelWithEscKeepsThePartialTextAndTheServerSeesIt(FxRobot robot) throws Exception {
        try (OwnServer own = ownServer()) {
            cancelWithEsc(robot, own);
        }
    }

    private void cancelWithEsc(FxRobot robot, OwnServer own) throws Exception {
        CallRecords records = CallRecords.on(own.server.metrics(), SLOW);
        typeReport(robot, SLOW);
        robot.clickOn("#start");
        ReportTabViewModel t = tab(robot);
        await().atMost(WAIT).until(() -> t.chunksProperty().get() >= 3);
        assertThat(robot.lookup("#start").queryButton().isDisabled()).as("Start is off while streaming").isTrue();
        assertThat(robot.lookup("#cancel").queryButton().isDisabled()).isFalse();

        robot.clickOn(tabView(robot).textView()); // focus out of the report field, as a user would
        robot.push(KeyCode.ESCAPE);
        awaitState(robot, t, StreamState.CANCELLED);

        CallRecord record = own.assertStoppedOnCancel(records);
        assertThat(record.chunksSent()).isLessThan(200);
        ReportTabView v = tabView(robot);
        assertThat(v.explanationLabel().getText()).startsWith("CANCELLED");
        byte[] partial = bytesOf(t.documentProperty().get(), temp);
        assertThat(partial).isNotEmpty().isEqualTo(synthetic(partial.length));
        AtomicReference<List<String>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(List.copyOf(v.textView().visibleLines())));
        assertThat(String.join("\n", shown.get())).isNotEmpty();
        assertThat(robot.lookup("#start").queryButton().isDisabled()).as("Start is on again").isFalse();
        assertThat(robot.lookup("#cancel").queryButton().isDisabled()).isTrue();
    }

    @Test
    void saveWritesTheExactBytesAndNamesAPartialReport(FxRobot robot) throws Exception {
        try (OwnServer own = ownServer()) {
            saveCompleteThenCancelledReport(robot, own);
        }
    }

    private void saveCompleteThenCancelledReport(FxRobot robot, OwnServer own) throws Exception {
        ReportTabViewModel t = runToEnd(robot, "synthetic?size=64KiB&chunk=1KiB", StreamState.COMPLETED);
        Path saveTarget = temp.resolve("saved-" + UUID.randomUUID() + ".txt");
        window.answerSaveWith(saveTarget);
        robot.push(KeyCode.CONTROL, KeyCode.S);
        await().atMost(WAIT).until(() -> Files.exists(saveTarget));
        assertThat(Files.readAllBytes(saveTarget)).isEqualTo(synthetic(64 * 1024));
        assertThat(window.suggestedName()).isEqualTo("synthetic_size_64KiB_chunk_1KiB.txt");

        CallRecords records = CallRecords.on(own.server.metrics(), SLOW);
        typeReport(robot, SLOW);
        startWithKeyboard(robot);
        await().atMost(WAIT).until(() -> t.chunksProperty().get() >= 2);
        robot.clickOn("#cancel");
        awaitState(robot, t, StreamState.CANCELLED);
        own.assertStoppedOnCancel(records);
        Path partialTarget = temp.resolve("partial-" + UUID.randomUUID() + ".txt");
        window.answerSaveWith(partialTarget);
        robot.clickOn("#save");
        await().atMost(WAIT).until(() -> Files.exists(partialTarget));
        assertThat(window.suggestedName()).endsWith(".partial.txt");
        assertThat(Files.readAllBytes(partialTarget)).isEqualTo(synthetic((int) t.bytesProperty().get()));
        await().atMost(WAIT).until(() -> robot.lookup("#message").queryAs(Label.class).getText()
                .startsWith("Saved PARTIAL report"));
    }

    @Test
    void unknownIdShowsNotFound(FxRobot robot) {
        ReportTabViewModel t = runToEnd(robot, "no-such-report", StreamState.FAILED);
        assertThat(tabView(robot).explanationLabel().getText()).startsWith("NOT_FOUND").contains("no-such-report");
    }

    @Test
    void aMissingServerShowsUnavailableAndTheWindowStillWorks(FxRobot robot) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        robot.push(KeyCode.CONTROL, KeyCode.L); // focus the target field
        robot.write("127.0.0.1:" + port).push(KeyCode.ENTER);
        ReportTabViewModel failed = runToEnd(robot, "demo", StreamState.FAILED);
        assertThat(tabView(robot).explanationLabel().getText())
                .startsWith("UNAVAILABLE: server not reachable at 127.0.0.1:" + port);
        assertThat(robot.lookup("#start").queryButton().isDisabled()).isFalse();

        // Back to the real server, in a new tab, without restarting anything.
        robot.push(KeyCode.CONTROL, KeyCode.L);
        robot.write(server.target()).push(KeyCode.ENTER);
        robot.push(KeyCode.CONTROL, KeyCode.T);
        ReportTabViewModel again = tab(robot);
        assertThat(again).isNotSameAs(failed);
        typeReport(robot, "demo");
        startWithKeyboard(robot);
        awaitState(robot, again, StreamState.COMPLETED);
        assertThat(failed.getState()).as("the failed tab keeps its outcome").isEqualTo(StreamState.FAILED);
    }

    @Test
    void aServerWithoutCatalogOrTotalsStillWorksByFreeTextId(FxRobot robot) throws Exception {
        try (SeedServer seed = new SeedServer(200)) {
            robot.push(KeyCode.CONTROL, KeyCode.L);
            robot.write(seed.target().toString()).push(KeyCode.ENTER);
            await().atMost(WAIT).until(() -> robot.lookup("#catalog-status").queryAs(Label.class).getText()
                    .startsWith("No catalog"));
            ComboBox<?> picker = robot.lookup("#report").queryComboBox();
            assertThat(picker.getItems()).isEmpty();
            assertThat(picker.getPromptText()).contains("no catalog");

            // Every value the bar takes, recorded on the FX thread: reading it once from the test
            // thread raced the stream's end on a loaded machine (10 chunks take 2 s).
            ProgressBar bar = tabView(robot).progressBar();
            List<Double> values = new CopyOnWriteArrayList<>();
            robot.interact(() -> bar.progressProperty().addListener((o, was, now) -> values.add(now.doubleValue())));
            ReportTabViewModel t = runToEnd(robot, "q3-sales", StreamState.COMPLETED);
            assertThat(values).as("no total_chunks: indeterminate from the start until complete")
                    .containsExactly(ProgressBar.INDETERMINATE_PROGRESS, 1.0);
            assertThat(new String(bytesOf(t.documentProperty().get(), temp), StandardCharsets.UTF_8))
                    .isEqualTo(SeedServer.expectedText("q3-sales"));
        }
    }

    @Test
    void twoTabsStreamOverOneConnectionAndCancellingOneLeavesTheOther(FxRobot robot) throws Exception {
        try (OwnServer own = ownServer()) {
            twoTabsThenCancelOne(robot, own);
        }
    }

    private void twoTabsThenCancelOne(FxRobot robot, OwnServer own) throws Exception {
        // Slow enough (512 chunks, 20 ms apart) that it still streams while the status bar catches up on a busy machine.
        String id = "synthetic?size=256KiB&chunk=512B&delay=20";
        CallRecords slowRecords = CallRecords.on(own.server.metrics(), SLOW);
        CallRecords otherRecords = CallRecords.on(own.server.metrics(), id);
        ReportTabViewModel slow = startSlowReport(robot);

        robot.push(KeyCode.CONTROL, KeyCode.T);
        ReportTabViewModel other = tab(robot);
        typeReport(robot, id);
        startWithKeyboard(robot);
        await().atMost(WAIT).until(() -> other.chunksProperty().get() >= 1);
        assertThat(slow.getState()).as("both stream at once").isEqualTo(StreamState.STREAMING);
        Label status = robot.lookup("#connection-status").queryAs(Label.class);
        // The status bar follows the streams on the UI thread: wait for it, do not race it.
        await().atMost(WAIT).until(() -> WaitForAsyncUtils.asyncFx(status::getText).get().contains("2 streams active"));
        assertThat(other.getState()).as("still streaming when counted").isEqualTo(StreamState.STREAMING);
        assertThat(status.getText()).startsWith("1 connection to " + own.target());

        robot.interact(slow::cancel);
        awaitState(robot, slow, StreamState.CANCELLED);
        awaitState(robot, other, StreamState.COMPLETED);

        assertThat(bytesOf(other.documentProperty().get(), temp)).isEqualTo(synthetic(256 * 1024));
        assertThat(slow.connection().channel()).as("one shared channel").isSameAs(other.connection().channel());
        assertThat(own.transports.get()).as("TCP connections the server accepted").isEqualTo(1);
        assertThat(otherRecords.next(WAIT).status()).isEqualTo(Status.Code.OK);
        own.assertStoppedOnCancel(slowRecords);
    }

    @Test
    void aPacedReportKeepsStreamingWhileTheWindowIsMinimised(FxRobot robot) throws Exception {
        // 64 MiB is 32 frames' worth of the window's budget: it completes only if frames keep coming.
        typeReport(robot, "synthetic?size=64MiB&chunk=64KiB");
        startWithKeyboard(robot);
        ReportTabViewModel t = tab(robot);
        robot.interact(() -> window.stage().setIconified(true));
        try {
            assertThat(window.stage().isIconified()).isTrue();
            awaitState(robot, t, StreamState.COMPLETED);
        } finally {
            robot.interact(() -> window.stage().setIconified(false));
        }
        assertThat(bytesOf(t.documentProperty().get(), temp)).isEqualTo(synthetic(64 << 20));
    }

    @Test
    void closingATabCancelsItsStream(FxRobot robot) throws Exception {
        try (OwnServer own = ownServer()) {
            CallRecords records = CallRecords.on(own.server.metrics(), SLOW);
            ReportTabViewModel t = startSlowReport(robot);
            robot.push(KeyCode.CONTROL, KeyCode.W);
            own.assertStoppedOnCancel(records);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.tabs()).doesNotContain(t);
        }
    }

    @Test
    void aDroppedFileOpensThroughTheEmbeddedServer(FxRobot robot) throws Exception {
        Path file = temp.resolve("dropped-" + UUID.randomUUID() + ".log");
        byte[] content = "line one\nline two\nlast line\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        robot.interact(() -> vm.openFile(file));
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            ReportTabViewModel t = tab(robot);
            return t != null && t.getState() == StreamState.COMPLETED;
        });
        ReportTabViewModel t = tab(robot);
        assertThat(t.connection().embedded()).isTrue();
        assertThat(bytesOf(t.documentProperty().get(), temp)).isEqualTo(content);
        assertThat(t.reportIdProperty().get()).startsWith("opened/dropped-");
    }

    @Test
    void anUncaughtExceptionShowsADialogAndTheWindowLives(FxRobot robot) {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        try {
            robot.interact(() -> Thread.setDefaultUncaughtExceptionHandler(
                    new ErrorDialogs(view.getScene().getWindow())));
            Thread boom = new Thread(() -> {
                throw new IllegalStateException("boom from a worker");
            });
            boom.start();
            // Awaitility would otherwise catch the worker's exception itself and fail the wait.
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> {
                WaitForAsyncUtils.waitForFxEvents();
                return robot.lookup(".dialog-pane").tryQuery().isPresent();
            });
            assertThat(robot.lookup(".dialog-pane .content").queryAs(Label.class).getText())
                    .contains("IllegalStateException: boom from a worker");
            robot.clickOn(robot.lookup(".dialog-pane .button").queryAs(Button.class));
            typeReport(robot, "demo");
            startWithKeyboard(robot);
            awaitState(robot, tab(robot), StreamState.COMPLETED);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
