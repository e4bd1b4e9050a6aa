package org.reportviewer.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.reportviewer.app.AppSettings;
import org.reportviewer.app.EmbeddedServer;
import org.reportviewer.app.MainWindow;
import org.reportviewer.app.ReportViewerApp;
import org.reportviewer.client.ConnectionManager;
import org.reportviewer.client.LocalServer;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;
import org.reportviewer.ui.ReportTabView;
import org.reportviewer.ui.ReportTabViewModel;
import org.reportviewer.ui.StreamState;
import org.reportviewer.ui.UiExecutor;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The page object of the main window for TestFX tests: builds the real window as the app does
 * (its own preferences node, connections and save answers, so tests never touch the user's), and
 * says what a user sees and does in the window's terms (the selected tab, its view, the report
 * field, a button, the message). One place for what every window test needs.
 */
public final class WindowDriver {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final FxRobot robot = new FxRobot();
    private final Preferences prefs = Preferences.userRoot().node("org/reportviewer/test-" + UUID.randomUUID());
    private final ConnectionManager connections;
    private final AtomicReference<String> suggestedName = new AtomicReference<>();
    private volatile Path saveTarget;
    private EmbeddedServer ownEmbedded;
    private final Stage stage;
    private final MainViewModel vm;
    private final MainView view;

    private WindowDriver(Stage stage, Executor io, LocalServer embedded, ConnectionManager connections,
            Consumer<Preferences> remembered) {
        this.stage = stage;
        this.connections = connections;
        remembered.accept(prefs);
        vm = new MainViewModel(UiExecutor.fx(), io, connections, embedded, ReportViewerApp.spoolDocuments());
        view = new MainView(vm, (owner, name, partial) -> {
            suggestedName.set(name);
            return saveTarget;
        });
        MainWindow.show(stage, vm, view, new AppSettings(prefs));
    }

    /**
     * Shows the window on {@code stage} (call it from {@code @Start}) aimed at {@code target}, with one
     * empty tab, not yet connected.
     *
     * @param embedded the window's embedded server, or {@code null} for none
     */
    public static WindowDriver show(Stage stage, Executor io, String target, LocalServer embedded) {
        return show(stage, io, target, embedded, new ConnectionManager());
    }

    /**
     * Like {@link #show} with an embedded server of the window's own, serving a fresh folder under
     * {@code dir}; {@link #close()} stops it.
     */
    public static WindowDriver showWithEmbedded(Stage stage, Executor io, String target, Path dir) throws IOException {
        EmbeddedServer embedded = new EmbeddedServer(Files.createDirectories(dir.resolve("reports-" + UUID.randomUUID())));
        WindowDriver d = show(stage, io, target, embedded, embedded.connectionManager()); // as the app wires it
        d.ownEmbedded = embedded;
        return d;
    }

    /** Cancels every stream, closes the channels (and the embedded server it made) and forgets the test's preferences. */
    public void close() throws BackingStoreException {
        robot.interact(vm::closeAll);
        connections.close();
        if (ownEmbedded != null) {
            ownEmbedded.close();
        }
        prefs.removeNode();
    }

    /** The embedded server {@link #showWithEmbedded} made. */
    public EmbeddedServer embedded() {
        return ownEmbedded;
    }

    /** Aims the window at another server, as the connection bar does. */
    public void connectTo(String target) {
        robot.interact(() -> {
            vm.useEmbeddedProperty().set(false);
            vm.targetTextProperty().set(target);
            vm.connect();
        });
    }

    /** The window's stage (to minimise it, to watch its pulses). */
    public Stage stage() {
        return stage;
    }

    public MainViewModel vm() {
        return vm;
    }

    public MainView view() {
        return view;
    }

    public ConnectionManager connections() {
        return connections;
    }

    public Preferences prefs() {
        return prefs;
    }

    /** The file the save dialog answers with next ({@code null}: the user backs out). */
    public void answerSaveWith(Path file) {
        saveTarget = file;
    }

    /** The file name the last save dialog suggested. */
    public String suggestedName() {
        return suggestedName.get();
    }

    public ReportTabViewModel selectedTab() {
        AtomicReference<ReportTabViewModel> t = new AtomicReference<>();
        robot.interact(() -> t.set(vm.selectedTabProperty().get()));
        return t.get();
    }

    /** The shown view of the selected tab. */
    public ReportTabView selectedTabView() {
        ReportTabViewModel t = selectedTab();
        return robot.lookup(".report-tab").match(n -> n.isVisible() && n.getScene() != null
                && ((ReportTabView) n).viewModel() == t).queryAs(ReportTabView.class);
    }

    /** The view of {@code t}, shown or not. */
    public ReportTabView viewOf(ReportTabViewModel t) {
        return robot.lookup(".report-tab").match(n -> ((ReportTabView) n).viewModel() == t)
                .queryAs(ReportTabView.class);
    }

    /** The lines the text pane of {@code v} shows now. */
    public List<String> visibleLines(ReportTabView v) {
        AtomicReference<List<String>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(List.copyOf(v.textView().visibleLines())));
        return shown.get();
    }

    /**
     * Types into the report picker as a user would: select what is there, type over it. Long ids are
     * put into the editor as a paste would, since the robot types slowly.
     */
    public void typeReport(String id) {
        robot.clickOn("#report").push(KeyCode.CONTROL, KeyCode.A);
        if (id.length() <= 16) {
            robot.write(id);
        } else {
            robot.interact(() -> robot.lookup("#report").queryComboBox().getEditor().replaceSelection(id));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    public Button button(String id) {
        return robot.lookup("#" + id).queryButton();
    }

    /** The text of the labeled control with this id (e.g. "message", "catalog-status"). */
    public String text(String id) {
        return robot.lookup("#" + id).queryAs(Labeled.class).getText();
    }

    /** Waits (letting the FX thread run) until {@code condition} holds. */
    public void awaitFx(BooleanSupplier condition) {
        awaitFx(WAIT, condition);
    }

    public void awaitState(ReportTabViewModel t, StreamState s) {
        awaitFx(() -> t.getState() == s);
    }

    /**
     * Shows the window as the app starts it (call it from {@code @Start}): the preferences hold what
     * {@code remembered} puts there (keys of {@link AppSettings}), then one empty tab and a connect to
     * what they say, as {@code ReportViewerApp.start} does.
     */
    public static WindowDriver startAsTheApp(Stage stage, Executor io, LocalServer embedded,
            Consumer<Preferences> remembered) {
        ConnectionManager connections = embedded instanceof EmbeddedServer e ? e.connectionManager() : new ConnectionManager();
        WindowDriver d = new WindowDriver(stage, io, embedded, connections, remembered);
        d.vm.newTab();
        d.vm.connect();
        stage.requestFocus();
        return d;
    }

    /**
     * As {@link #show(Stage, Executor, String, LocalServer)}, with channels made by {@code connections}
     * (e.g. a short keepalive, so a silent server is noticed in seconds rather than the app's 40 s).
     */
    public static WindowDriver show(Stage stage, Executor io, String target, LocalServer embedded,
            ConnectionManager connections) {
        WindowDriver d = new WindowDriver(stage, io, embedded, connections, p -> { });
        d.vm.useEmbeddedProperty().set(false);
        d.vm.targetTextProperty().set(target);
        d.vm.newTab();
        stage.requestFocus(); // JavaFX 20+ headless: tests that type need the focus (TestFX #749)
        return d;
    }

    /** Whether the node with this id is in the window and shown (its parents too). */
    public boolean isShown(String id) {
        AtomicReference<Boolean> shown = new AtomicReference<>(false);
        robot.interact(() -> robot.lookup("#" + id).tryQuery().ifPresent(n -> {
            boolean all = n.getScene() != null;
            for (javafx.scene.Node p = n; p != null && all; p = p.getParent()) {
                all = p.isVisible();
            }
            shown.set(all);
        }));
        return shown.get();
    }

    /** {@link #awaitFx(BooleanSupplier)} with a longer bound, for what takes a keepalive round to show. */
    public void awaitFx(Duration atMost, BooleanSupplier condition) {
        await().atMost(atMost).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Background work (saving, opening files) for windows under test, shared by every test class:
     * daemon threads that end when idle, so nothing needs to shut it down.
     */
    public static Executor sharedIo() {
        return SharedIo.POOL;
    }

    private static final class SharedIo {
        static final Executor POOL = ReportViewerApp.ioExecutor();
    }
}
