package org.reportviewer.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.reportviewer.ui.reader.ReaderBar;
import org.reportviewer.ui.reader.ReaderMode;
import org.reportviewer.ui.reader.ReaderWork;
import org.reportviewer.ui.reader.TabReader;
import org.reportviewer.ui.text.ReportTextView;

/**
 * The main window, assembled from its components: {@link ConnectionBar}, {@link ReportBar},
 * {@link FindBar}, {@link ReportTabs} and {@link StatusBar}, with file drops and the keyboard
 * shortcuts of {@link Shortcut} bound in {@link #bindShortcuts}. Holds no state of its own beyond
 * the controls; all of it is in {@link MainViewModel}.
 */
public final class MainView extends BorderPane {

    private final MainViewModel vm;
    private final SaveDialog saveDialog;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final ShortcutMap shortcuts = new ShortcutMap();
    private final ConnectionBar connectionBar;
    private final ReportTabs tabs;
    private final FindBar findBar;
    /** Filters and table indexing of all tabs; idle threads end, so there is nothing to shut down. */
    private final Executor readerWork = ReaderWork.pool();

    public MainView(MainViewModel vm, SaveDialog saveDialog) {
        this.vm = vm;
        this.saveDialog = saveDialog;
        getStyleClass().add("main-view");
        connectionBar = new ConnectionBar(vm, dark);
        tabs = new ReportTabs(vm, shortcuts, tabExtensions());
        findBar = new FindBar(this::selectedTextView);
        ReportBar reportBar = new ReportBar(vm, shortcuts);
        bindShortcuts(reportBar);
        setTop(new VBox(connectionBar, reportBar, new ParameterForm(vm))); // the picked report's parameters
        setCenter(new VBox(findBar, tabs));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        setBottom(new StatusBar(vm));

        // Elapsed time and live rates move even between chunks.
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250),
                e -> vm.tabs().forEach(ReportTabViewModel::tick)));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        FileDrops.install(this, vm::openFile);
    }

    /**
     * What every new tab gets beyond the text pane: the place to add a per-tab panel or bar, e.g.
     * {@code view -> view.addSidePanel(new SomePanel(view.viewModel()))}, and its shortcut in
     * {@link #bindShortcuts} acting on {@code tabs.selectedView()}.
     */
    private List<Consumer<ReportTabView>> tabExtensions() {
        return List.of(TabInspector::attach, view -> TabReader.install(view, readerWork));
    }

    /** The one place each shortcut gets its command; buttons, tooltips and menus use the same table. */
    private void bindShortcuts(ReportBar reportBar) {
        shortcuts.bind(Shortcut.START, vm::startSelected)
                .bind(Shortcut.RESUME, vm::resumeSelected)
                .bind(Shortcut.FIND, findBar::show)
                .bind(Shortcut.GO_TO, () -> {
                    ReportTextView v = selectedTextView();
                    if (v != null) {
                        v.showGoTo();
                    }
                })
                .bind(Shortcut.FILTER, () -> onReader(TabReader::showFilter))
                .bind(Shortcut.VIEW_TEXT, () -> onReader(r -> r.setMode(ReaderMode.TEXT)))
                .bind(Shortcut.VIEW_TABLE, () -> onReader(r -> r.setMode(ReaderMode.TABLE)))
                .bind(Shortcut.SAVE, this::saveSelected)
                .bind(Shortcut.FOCUS_TARGET, connectionBar::focusTarget)
                .bind(Shortcut.NEW_TAB, vm::newTab)
                .bind(Shortcut.CLOSE_TAB, vm::closeSelected)
                .bind(Shortcut.INSPECT, this::toggleInspector)
                // Esc closes an open find bar first (the bar's own field handles Esc itself), then cancels;
                // it leaves an open report list to close itself.
                .bind(Shortcut.CANCEL, () -> {
                    if (findBar.isVisible()) {
                        findBar.hide();
                    } else {
                        vm.cancelSelected();
                    }
                }, () -> !reportBar.picker().isShowing() && !inFindBar(getScene().getFocusOwner())
                && !ReportTextView.isOwnInput(getScene().getFocusOwner()));
    }

    private void onReader(Consumer<TabReader> action) {
        TabReader r = TabReader.of(tabs.selectedView());
        if (r != null) {
            action.accept(r);
        }
    }

    /** Installs the keyboard shortcuts on the window's scene. */
    public void installShortcuts(Scene scene) {
        shortcuts.install(scene);
    }

    private boolean inFindBar(Node n) {
        for (; n != null; n = n.getParent()) {
            if (n == findBar || n instanceof ReaderBar) { // both bars close themselves on Esc
                return true;
            }
        }
        return false;
    }

    /** Asks for a file (suggesting "NAME.partial.txt" for an incomplete report) and saves to it. */
    public void saveSelected() {
        ReportTabViewModel t = vm.selectedTabProperty().get();
        if (t == null || t.documentProperty().get() == null) {
            return;
        }
        Path file = saveDialog.ask(getScene() == null ? null : getScene().getWindow(), t.suggestedFileName(),
                t.isPartial());
        if (file != null) {
            t.save(file);
        }
    }

    /** Shows or hides the selected tab's call inspector. */
    public void toggleInspector() {
        TabInspector.toggle(tabs.selectedView());
    }

    private ReportTextView selectedTextView() {
        ReportTabView v = tabs.selectedView();
        return v == null ? null : v.textView();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public TextField targetField() {
        return connectionBar.targetField();
    }

    public FindBar findBar() {
        return findBar;
    }
}
