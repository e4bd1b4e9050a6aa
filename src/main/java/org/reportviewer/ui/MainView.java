package org.reportviewer.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.reportviewer.proto.ReportInfo;
import org.reportviewer.ui.text.ReportTextView;

/**
 * The main window's layout: toolbar, report tabs, find bar and status bar, plus the keyboard
 * shortcuts and file drops. Holds no state of its own beyond the controls; all of it is in
 * {@link MainViewModel}.
 */
public final class MainView extends BorderPane {

    public static final KeyCombination START = KeyCombination.keyCombination("Shortcut+Enter");
    public static final KeyCombination FIND = KeyCombination.keyCombination("Shortcut+F");
    public static final KeyCombination SAVE = KeyCombination.keyCombination("Shortcut+S");
    public static final KeyCombination FOCUS_TARGET = KeyCombination.keyCombination("Shortcut+L");
    public static final KeyCombination NEW_TAB = KeyCombination.keyCombination("Shortcut+T");
    public static final KeyCombination RESUME = KeyCombination.keyCombination("Shortcut+R");
    public static final KeyCombination CLOSE_TAB = KeyCombination.keyCombination("Shortcut+W");

    private final MainViewModel vm;
    private final SaveDialog saveDialog;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final TextField target = new TextField();
    private final ToggleButton embedded = new ToggleButton("Embedded");
    private final ComboBox<String> picker = new ComboBox<>();
    private final TextField deadline = new TextField();
    private final Button start = new Button("Start");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    private final Button save = new Button("Save…");
    private final TabPane tabPane = new TabPane();
    private final Tab plusTab = new Tab("+");
    private final Map<ReportTabViewModel, Tab> tabsByModel = new HashMap<>();
    private final FindBar findBar;
    private final Map<String, ReportInfo> infoById = new HashMap<>();

    public MainView(MainViewModel vm, SaveDialog saveDialog) {
        this.vm = vm;
        this.saveDialog = saveDialog;
        getStyleClass().add("main-view");
        findBar = new FindBar(this::selectedTextView);
        setTop(toolbar());
        setCenter(new VBox(findBar, tabs()));
        VBox.setVgrow(tabPane, Priority.ALWAYS);
        setBottom(statusBar());

        // Elapsed time and live rates move even between chunks.
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250),
                e -> vm.tabs().forEach(ReportTabViewModel::tick)));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            files.forEach(f -> vm.openFile(f.toPath()));
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }

    private Node toolbar() {
        embedded.setId("embedded");
        embedded.selectedProperty().bindBidirectional(vm.useEmbeddedProperty());
        embedded.setTooltip(new Tooltip("Use the server built into the app (demo, synthetic and files in "
                + "the reports folder)"));
        embedded.setAccessibleText("Use the embedded server");
        embedded.setOnAction(e -> {
            if (embedded.isSelected()) {
                vm.connect();
            }
        });
        target.setId("target");
        target.setPrefColumnCount(16);
        target.setPromptText("host:port");
        target.textProperty().bindBidirectional(vm.targetTextProperty());
        target.setTooltip(new Tooltip("A ReportService server, HOST:PORT (Ctrl+L); Enter connects"));
        target.setAccessibleText("Server address, host colon port");
        Button connect = new Button("Connect");
        connect.setId("connect");
        connect.setTooltip(new Tooltip("Connect to the address typed on the left"));
        Runnable connectRemote = () -> {
            vm.useEmbeddedProperty().set(false);
            vm.connect();
        };
        connect.setOnAction(e -> connectRemote.run());
        target.setOnAction(e -> connectRemote.run());
        ToggleButton settings = new ToggleButton("Connection…");
        settings.setId("connection-settings");
        settings.setTooltip(new Tooltip("TLS, CA file and bearer token for remote servers"));
        ToolBar securityBar = securityBar(connectRemote);
        securityBar.visibleProperty().bind(settings.selectedProperty());
        securityBar.managedProperty().bind(settings.selectedProperty());

        picker.setId("report");
        picker.setEditable(true);
        picker.setPrefWidth(460);
        picker.setAccessibleText("Report id");
        // The editor and the value both follow the view-model: the skin rewrites the editor from the
        // value now and then, so a value left behind would bring back an old id.
        picker.setValue(vm.reportIdTextProperty().get());
        picker.getEditor().setText(vm.reportIdTextProperty().get());
        picker.getEditor().textProperty().addListener((o, a, text) -> vm.reportIdTextProperty().set(text));
        picker.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.reportIdTextProperty().set(v);
            }
        });
        vm.reportIdTextProperty().addListener((o, a, id) -> {
            if (!java.util.Objects.equals(picker.getValue(), id)) {
                picker.setValue(id);
            }
            if (!java.util.Objects.equals(picker.getEditor().getText(), id)) {
                picker.getEditor().setText(id);
            }
        });
        picker.setTooltip(new Tooltip("Pick a report from the server's catalog, or type any report id, e.g. "
                + "synthetic?size=10MiB&chunk=64KiB"));
        picker.promptTextProperty().bind(Bindings.when(vm.catalogSupportedProperty())
                .then("Pick or type a report id").otherwise("Report id (no catalog)"));
        picker.setCellFactory(lv -> new CatalogCell());
        picker.setOnShowing(e -> vm.catalogWanted());
        vm.catalog().addListener((ListChangeListener<ReportInfo>) c -> syncCatalog());
        syncCatalog();

        deadline.setId("deadline");
        deadline.setPrefColumnCount(5);
        deadline.setPromptText("none");
        deadline.textProperty().bindBidirectional(vm.deadlineTextProperty());
        deadline.setTooltip(new Tooltip("Deadline for the whole call, e.g. 30s, 500ms, 2m; empty for none"));
        deadline.setAccessibleText("Deadline");

        start.setId("start");
        start.setDefaultButton(false);
        start.setTooltip(new Tooltip("Start streaming the report (Ctrl+Enter)"));
        start.setOnAction(e -> vm.startSelected());
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Cancel the stream; the server is told to stop (Esc)"));
        cancel.setOnAction(e -> vm.cancelSelected());
        resume.setId("resume");
        resume.setTooltip(new Tooltip("Continue a lost or cancelled stream from the first missing chunk, "
                + "appending to the text already here (Ctrl+R)"));
        resume.setOnAction(e -> vm.resumeSelected());
        save.setId("save");
        save.setTooltip(new Tooltip("Save the report of this tab to a file (Ctrl+S)"));
        save.setOnAction(e -> saveSelected());
        Button find = new Button("Find");
        find.setId("find");
        find.setTooltip(new Tooltip("Find in the report (Ctrl+F)"));
        find.setOnAction(e -> findBar.show());
        ToggleButton theme = new ToggleButton("Dark");
        theme.setId("theme");
        theme.selectedProperty().bindBidirectional(dark);
        theme.setTooltip(new Tooltip("Dark theme"));

        vm.selectedTabProperty().addListener((o, a, b) -> bindButtons());
        bindButtons();

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label serverLabel = new Label("Server");
        serverLabel.setLabelFor(target);
        ToolBar connectionBar = new ToolBar(serverLabel, embedded, target, connect, settings, spring, theme);
        connectionBar.setId("connection-bar");
        Label reportLabel = new Label("Report");
        reportLabel.setLabelFor(picker);
        Label deadlineLabel = new Label("Deadline");
        deadlineLabel.setLabelFor(deadline);
        ToolBar reportBar = new ToolBar(reportLabel, picker, deadlineLabel, deadline, start, cancel, resume,
                new Separator(Orientation.VERTICAL), save, find);
        reportBar.setId("report-bar");
        return new VBox(connectionBar, securityBar, reportBar);
    }

    /** TLS, CA file and token for remote targets; Enter in a field connects with them. */
    private ToolBar securityBar(Runnable connectRemote) {
        CheckBox tls = new CheckBox("TLS");
        tls.setId("tls");
        tls.selectedProperty().bindBidirectional(vm.tlsProperty());
        tls.setTooltip(new Tooltip("Encrypt the connection; the server certificate must match the host typed "
                + "in the address. Remembered."));
        TextField caFile = new TextField();
        caFile.setId("ca-file");
        caFile.setPrefColumnCount(22);
        caFile.setPromptText("system trust store");
        caFile.textProperty().bindBidirectional(vm.caFileTextProperty());
        caFile.disableProperty().bind(tls.selectedProperty().not());
        caFile.setTooltip(new Tooltip("PEM file of the CA that signed the server certificate; empty to trust "
                + "the system's CAs. Remembered."));
        caFile.setAccessibleText("CA file");
        caFile.setOnAction(e -> connectRemote.run());
        Button browse = new Button("Browse…");
        browse.setId("ca-browse");
        browse.disableProperty().bind(tls.selectedProperty().not());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA certificate (PEM)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM certificates",
                    "*.pem", "*.crt", "*.cer"), new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.caFileTextProperty().set(f.getAbsolutePath());
            }
        });
        PasswordField token = new PasswordField();
        token.setId("token");
        token.setPrefColumnCount(16);
        token.setPromptText("none");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        token.setTooltip(new Tooltip("Bearer token sent with every call (needs TLS unless the server is on "
                + "this machine). Not saved: type it again after a restart."));
        token.setAccessibleText("Bearer token");
        token.setOnAction(e -> connectRemote.run());
        Button apply = new Button("Connect");
        apply.setId("connect-secure");
        apply.setTooltip(new Tooltip("Connect to the address above with these settings"));
        apply.setOnAction(e -> connectRemote.run());
        Label caLabel = new Label("CA file");
        caLabel.setLabelFor(caFile);
        Label tokenLabel = new Label("Token");
        tokenLabel.setLabelFor(token);
        ToolBar bar = new ToolBar(tls, caLabel, caFile, browse, tokenLabel, token, apply);
        bar.setId("security-bar");
        return bar;
    }

    /** Start, Cancel and Save follow the state of the selected tab. */
    private void bindButtons() {
        ReportTabViewModel tab = vm.selectedTabProperty().get();
        start.disableProperty().unbind();
        cancel.disableProperty().unbind();
        resume.disableProperty().unbind();
        save.disableProperty().unbind();
        if (tab == null) {
            start.setDisable(false);
            cancel.setDisable(true);
            resume.setDisable(true);
            save.setDisable(true);
        } else {
            start.disableProperty().bind(tab.canStartProperty().not());
            cancel.disableProperty().bind(tab.canCancelProperty().not());
            resume.disableProperty().bind(tab.canResumeProperty().not());
            save.disableProperty().bind(tab.documentProperty().isNull());
        }
    }

    private void syncCatalog() {
        infoById.clear();
        vm.catalog().forEach(i -> infoById.put(i.getId(), i));
        String typed = vm.reportIdTextProperty().get();
        picker.getItems().setAll(vm.catalog().stream().map(ReportInfo::getId).toList());
        picker.setValue(typed); // a new catalog must not wipe what the user typed
        picker.getEditor().setText(typed);
    }

    private Node tabs() {
        tabPane.setId("tabs");
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        plusTab.setId("new-tab");
        plusTab.setClosable(false);
        plusTab.setTooltip(new Tooltip("New tab (Ctrl+T)"));
        tabPane.getTabs().add(plusTab);
        vm.tabs().addListener((ListChangeListener<ReportTabViewModel>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(m -> tabPane.getTabs().remove(tabsByModel.remove(m)));
                c.getAddedSubList().forEach(this::addTab);
            }
        });
        vm.tabs().forEach(this::addTab);
        vm.selectedTabProperty().addListener((o, a, m) -> {
            Tab t = tabsByModel.get(m);
            if (t != null) {
                tabPane.getSelectionModel().select(t);
            }
        });
        tabPane.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t == plusTab) {
                vm.newTab();
            } else if (t != null) {
                vm.selectedTabProperty().set(((ReportTabView) t.getContent()).viewModel());
            }
        });
        return tabPane;
    }

    private void addTab(ReportTabViewModel m) {
        ReportTabView content = new ReportTabView(m);
        Tab tab = new Tab();
        tab.setContent(content);
        // The header says how far each stream is, so every tab's state shows at a glance.
        tab.textProperty().bind(Bindings.createStringBinding(() -> {
            double p = m.progressProperty().get();
            return m.getState() == StreamState.STREAMING && p >= 0
                    ? m.titleProperty().get() + "  " + Math.round(p * 100) + "%" : m.titleProperty().get();
        }, m.titleProperty(), m.stateProperty(), m.progressProperty()));
        Label dot = new Label();
        dot.getStyleClass().add("state-dot");
        tab.setGraphic(dot);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.concat(m.titleProperty(), " — ", m.statusLineProperty()));
        tab.setTooltip(tip);
        Runnable showState = () -> {
            dot.getStyleClass().removeAll(ReportTabView.STATE_CLASSES);
            dot.getStyleClass().add(ReportTabView.styleClass(m.getState()));
            dot.setText(switch (m.getState()) {
                case IDLE -> "○";
                case CONNECTING -> "◌";
                case STREAMING -> "●";
                case COMPLETED -> "✓";
                case CANCELLED -> "■";
                case FAILED -> "✕";
            });
            tab.getStyleClass().removeAll(ReportTabView.STATE_CLASSES);
            tab.getStyleClass().add(ReportTabView.styleClass(m.getState()));
        };
        m.stateProperty().addListener((o, a, b) -> showState.run());
        showState.run();
        tab.setOnClosed(e -> vm.closeTab(m));
        tabsByModel.put(m, tab);
        tabPane.getTabs().add(tabPane.getTabs().size() - 1, tab);
        if (vm.selectedTabProperty().get() == m) {
            tabPane.getSelectionModel().select(tab);
        }
    }

    private Node statusBar() {
        Label connection = new Label();
        connection.setId("connection-status");
        connection.textProperty().bind(vm.connectionSummaryProperty());
        Label message = new Label();
        message.setId("message");
        message.getStyleClass().add("message");
        // The window's message (connect, open) or, when empty, the selected tab's (save, refused start).
        vm.selectedTabProperty().addListener((o, a, t) -> bindMessage(message));
        vm.messageProperty().addListener((o, a, b) -> bindMessage(message));
        bindMessage(message);
        Label catalog = new Label();
        catalog.setId("catalog-status");
        catalog.textProperty().bind(vm.catalogStatusProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(16, connection, new Separator(Orientation.VERTICAL), message, spring,
                catalog);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void bindMessage(Label label) {
        label.textProperty().unbind();
        ReportTabViewModel t = vm.selectedTabProperty().get();
        if (!vm.messageProperty().get().isEmpty() || t == null) {
            label.textProperty().bind(vm.messageProperty());
        } else {
            label.textProperty().bind(t.messageProperty());
        }
    }

    /** Installs the keyboard shortcuts on the window's scene. */
    public void installShortcuts(Scene scene) {
        // A filter, so text fields cannot swallow the shortcuts.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (START.match(e)) {
                vm.startSelected();
            } else if (RESUME.match(e)) {
                vm.resumeSelected();
            } else if (FIND.match(e)) {
                findBar.show();
            } else if (SAVE.match(e)) {
                saveSelected();
            } else if (FOCUS_TARGET.match(e)) {
                target.requestFocus();
                target.selectAll();
            } else if (NEW_TAB.match(e)) {
                vm.newTab();
            } else if (CLOSE_TAB.match(e)) {
                ReportTabViewModel t = vm.selectedTabProperty().get();
                if (t != null) {
                    vm.closeTab(t);
                }
            } else if (e.getCode() == KeyCode.ESCAPE && !picker.isShowing() && !inFindBar(scene.getFocusOwner())) {
                // Esc closes an open find bar first (the bar's own field handles Esc itself), then cancels.
                if (findBar.isVisible()) {
                    findBar.hide();
                } else {
                    vm.cancelSelected();
                }
            } else {
                return;
            }
            e.consume();
        });
    }

    private boolean inFindBar(Node n) {
        for (; n != null; n = n.getParent()) {
            if (n == findBar) {
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

    private ReportTextView selectedTextView() {
        Tab t = tabPane.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof ReportTabView v ? v.textView() : null;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public TextField targetField() {
        return target;
    }

    public FindBar findBar() {
        return findBar;
    }

    /** Shows "title — size" for catalog entries. */
    private final class CatalogCell extends ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (empty || id == null) {
                setText(null);
                return;
            }
            ReportInfo info = infoById.get(id);
            if (info == null) {
                setText(id);
                return;
            }
            String size = info.getSizeBytes() > 0 ? StatusTexts.bytes(info.getSizeBytes()) : "size unknown";
            setText(info.getTitle().isEmpty() ? id + " — " + size : info.getTitle() + " — " + size
                    + (info.getTitle().contains(id) ? "" : "   [" + id + "]"));
        }
    }
}
