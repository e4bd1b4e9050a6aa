package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.testing.LoopbackServerExtension;
import org.reportviewer.testing.SeedServer;
import org.reportviewer.document.ReportDocument;

/** The window's view-model with no toolkit: targets, catalog, shared connections, tabs. */
class MainViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final LoopbackServerExtension loopback = LoopbackServerExtension.standard(5);
    @RegisterExtension
    final ViewModelHarness harness = ViewModelHarness.forWindow(WAIT);

    @TempDir
    Path temp;
    private MainViewModel vm;

    @BeforeEach
    void create() {
        vm = harness.newMainViewModel(new EmbeddedServer(temp.resolve("reports")));
    }

    private void useRemote(String target) {
        vm.useEmbeddedProperty().set(false);
        vm.targetTextProperty().set(target);
    }

    @Test
    void pickingAnotherReportResetsTheParameterFormToThatReportsDefaults() throws Exception {
        // Same parameter names, other defaults: values typed for one report must not carry over.
        Path reports = Files.createDirectories(temp.resolve("reports"));
        Files.writeString(reports.resolve("a.sql"), "-- param: n int = 3\n-- param: word text = x\nSELECT :n AS n, :word AS w\n");
        Files.writeString(reports.resolve("b.sql"), "-- param: n int = 7\n-- param: word text = y\nSELECT :n AS n, :word AS w\n");
        assertThat(vm.connect()).isTrue();
        harness.awaitUi(() -> vm.catalog().stream().anyMatch(e -> e.id().equals("b")));

        vm.reportIdTextProperty().set("a");
        ParameterFormModel a = vm.parameterFormProperty().get();
        assertThat(a.entry().id()).isEqualTo("a");
        a.set("n", "100");
        a.set("word", "typed for a");
        vm.reportIdTextProperty().set("a"); // the same pick again keeps what was typed
        assertThat(vm.parameterFormProperty().get().reportId()).isEqualTo("a?n=100&word=typed+for+a");

        vm.reportIdTextProperty().set("b");
        assertThat(vm.parameterFormProperty().get().reportId()).isEqualTo("b?n=7&word=y");
        vm.parameterFormProperty().get().set("n", "5");

        vm.reportIdTextProperty().set("a");
        assertThat(vm.parameterFormProperty().get().reportId()).isEqualTo("a?n=3&word=x");
    }

    @Test
    void catalogOfOurServerListsReportsWithTitles() {
        useRemote(loopback.target().toString());
        assertThat(vm.connect()).isTrue();
        harness.awaitUi(() -> vm.catalogSupportedProperty().get());
        assertThat(vm.catalog()).extracting(CatalogEntry::id).contains("demo");
        assertThat(vm.catalogStatusProperty().get()).endsWith("reports");
    }

    @Test
    void aServerWithoutListReportsLeavesTheFreeTextId() throws Exception {
        try (SeedServer seed = new SeedServer(1)) {
            useRemote(seed.target().toString());
            vm.connect();
            harness.awaitUi(() -> vm.catalogStatusProperty().get().startsWith("No catalog"));
            assertThat(vm.catalog()).isEmpty();
            assertThat(vm.catalogSupportedProperty().get()).isFalse();

            vm.reportIdTextProperty().set("anything-goes");
            assertThat(vm.startSelected()).isTrue();
            ReportTabViewModel tab = vm.selectedTabProperty().get();
            harness.awaitUi(() -> tab.getState() == StreamState.COMPLETED);
            assertThat(tab.bytesProperty().get()).isEqualTo(SeedServer.expectedText("anything-goes").length());
        }
    }

    @Test
    void everyTabStreamsThroughTheWindowsPacerTheFramesLetItGoOn() {
        // A frame budget of 64 KiB, frames run by hand: the stream goes only as frames come.
        FramePacer pacer = new FramePacer(64 << 10, () -> { });
        vm.setPacer(pacer);
        useRemote(loopback.target().toString());
        vm.reportIdTextProperty().set("synthetic?size=4MiB&chunk=16KiB");
        assertThat(vm.startSelected()).isTrue();
        ReportTabViewModel tab = vm.selectedTabProperty().get();

        harness.awaitUi(() -> pacer.waitingCount() > 0);
        harness.ui().runPending();
        long held = tab.bytesProperty().get();
        assertThat(held).as("bytes before the first frame").isLessThan(4 << 20);
        assertThat(tab.getState().busy()).isTrue();

        long t = 0;
        for (int frames = 0; tab.getState().busy() && frames < 10_000; frames++) {
            pacer.onFrame(t += FramePacer.FRAME_NANOS);
            harness.awaitUi(() -> pacer.waitingCount() > 0 || !tab.getState().busy());
        }
        assertThat(tab.getState()).isEqualTo(StreamState.COMPLETED);
        assertThat(tab.bytesProperty().get()).isEqualTo(4 << 20);
    }

    @Test
    void aBadTargetOrDeadlineIsRefusedWithAReadableMessage() {
        useRemote("no-port-here");
        assertThat(vm.connect()).isFalse();
        assertThat(vm.messageProperty().get()).contains("is not HOST:PORT");

        useRemote(loopback.target().toString());
        vm.deadlineTextProperty().set("soon");
        assertThat(vm.startSelected()).isFalse();
        assertThat(vm.messageProperty().get()).contains("deadline 'soon' is not a duration");
        assertThat(vm.tabs()).isEmpty();
    }

    @Test
    void tabsToTheSameTargetShareOneChannelAndSwitchingKeepsRunningStreams() {
        useRemote(loopback.target().toString());
        vm.reportIdTextProperty().set("synthetic?size=100B&chunk=1B&delay=30");
        vm.startSelected();
        ReportTabViewModel first = vm.selectedTabProperty().get();
        vm.startSelected(); // the selected tab is busy: a new tab takes the stream
        ReportTabViewModel second = vm.selectedTabProperty().get();
        assertThat(second).isNotSameAs(first);
        assertThat(first.connection().channel()).isSameAs(second.connection().channel());
        assertThat(harness.connections().openCount()).isEqualTo(1);

        // Switch to the embedded server while both stream: they carry on over their old channel.
        vm.useEmbeddedProperty().set(true);
        assertThat(vm.connect()).isTrue();
        assertThat(vm.connectionProperty().get().embedded()).isTrue();
        assertThat(first.connection().channel().isShutdown()).as("no new calls on the old channel").isTrue();
        harness.awaitUi(() -> first.getState() == StreamState.COMPLETED && second.getState() == StreamState.COMPLETED);
        assertThat(first.bytesProperty().get()).isEqualTo(100);
        harness.awaitUi(() -> vm.connectionSummaryProperty().get().startsWith("1 connection to 127.0.0.1:")
                && vm.connectionSummaryProperty().get().contains("(embedded)"));
    }

    @Test
    void closingATabCancelsItsStreamAndDeletesItsDocument() {
        useRemote(loopback.target().toString());
        vm.reportIdTextProperty().set("synthetic?size=100B&chunk=1B&delay=50");
        vm.startSelected();
        ReportTabViewModel tab = vm.selectedTabProperty().get();
        harness.awaitUi(() -> tab.chunksProperty().get() > 0);
        ReportDocument doc = tab.documentProperty().get();
        vm.closeTab(tab);
        assertThat(vm.tabs()).isEmpty();
        assertThat(vm.selectedTabProperty().get()).isNull();
        harness.awaitUi(() -> tab.getState() == StreamState.CANCELLED);
        await().atMost(WAIT).until(() -> !doc.isOpen());
        // Closed means this refusal, not just any exception (a missing temp folder would throw too).
        assertThatThrownBy(() -> doc.saveTo(temp.resolve("after-close.txt")))
                .isInstanceOf(IllegalStateException.class).hasMessage("report document is closed");
        assertThat(temp.resolve("after-close.txt")).doesNotExist();
    }

    @Test
    void aLocalFileOpensThroughTheEmbeddedServersFolder() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "alpha\nbeta\n");
        vm.openFile(file);
        harness.awaitUi(() -> !vm.tabs().isEmpty() && vm.tabs().get(0).getState() == StreamState.COMPLETED);
        ReportTabViewModel tab = vm.tabs().get(0);
        assertThat(tab.reportIdProperty().get()).isEqualTo("opened/notes.txt");
        assertThat(tab.bytesProperty().get()).isEqualTo(11);
        assertThat(Files.readString(temp.resolve("reports/opened/notes.txt"))).isEqualTo("alpha\nbeta\n");

        vm.openFile(file); // the same file again: the same id, no second copy
        harness.awaitUi(() -> vm.tabs().size() == 2 && vm.tabs().get(1).getState() == StreamState.COMPLETED);
        assertThat(vm.tabs().get(1).reportIdProperty().get()).isEqualTo("opened/notes.txt");
    }
}
