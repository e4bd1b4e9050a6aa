package org.reportviewer.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.reportviewer.ui.text.ReportTextView;

/**
 * One tab's content: the report text, its progress bar and its status lines. Layout only.
 *
 * <p>Extension points for per-tab features: {@link #addBar} (a bar above the report, e.g. a filter
 * bar), {@link #addSidePanel} (a panel beside it, e.g. a call inspector) and {@link #body()} (the
 * stack that holds the text pane, where another view of the report can go). They are called for every new tab
 * from {@code MainView#tabExtensions}.
 */
public final class ReportTabView extends BorderPane {

    static final String[] STATE_CLASSES = {"state-idle", "state-connecting", "state-streaming", "state-completed",
            "state-cancelled", "state-failed"};

    private final ReportTabViewModel vm;
    private final ReportTextView text = new ReportTextView();
    private final ProgressBar progress = new ProgressBar();
    private final Label statusLine = new Label();
    private final Label explanation = new Label();
    private final VBox bars = new VBox();
    private final StackPane body = new StackPane();
    private SplitPane split;

    public ReportTabView(ReportTabViewModel vm) {
        this.vm = vm;
        getStyleClass().add("report-tab");
        text.getStyleClass().add("report-text");
        text.setAccessibleText("Report text");
        vm.documentProperty().addListener((o, old, doc) -> text.setDocument(doc));
        text.setDocument(vm.documentProperty().get());
        // One refresh per drain of the coalescing publisher, not per chunk.
        vm.revisionProperty().addListener((o, a, b) -> text.refresh());

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setPrefHeight(8);
        progress.progressProperty().bind(vm.progressProperty());
        progress.setAccessibleText("Report progress");
        progress.setTooltip(new Tooltip("Chunks received of the total the server announced; "
                + "moving while the server does not say"));
        vm.stateProperty().addListener((o, a, s) -> applyState(s));
        applyState(vm.getState());

        statusLine.textProperty().bind(vm.statusLineProperty());
        statusLine.getStyleClass().add("status-figures");
        statusLine.setAccessibleRole(AccessibleRole.TEXT);
        explanation.textProperty().bind(vm.explanationProperty());
        explanation.getStyleClass().add("status-explanation");
        explanation.setWrapText(true);
        explanation.setMaxWidth(Double.MAX_VALUE);
        explanation.setAccessibleRole(AccessibleRole.TEXT);

        HBox figures = new HBox(statusLine);
        HBox.setHgrow(statusLine, Priority.ALWAYS);
        VBox bottom = new VBox(6, progress, explanation, figures);
        bottom.setPadding(new Insets(8, 10, 8, 10));
        bottom.getStyleClass().add("tab-status");
        // Said on top of an empty pane: what to do, or that nothing arrived.
        Label placeholder = new Label();
        placeholder.getStyleClass().add("report-placeholder");
        placeholder.setWrapText(true);
        placeholder.setMouseTransparent(true);
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.getState()) {
            case IDLE -> "Pick a report (or type an id, or drop a file here) and press Start — Ctrl+Enter";
            case CONNECTING -> "Waiting for the first chunk…";
            case STREAMING, COMPLETED -> "The report is empty.";
            case CANCELLED, FAILED -> "Nothing arrived before the stream ended.";
        }, vm.stateProperty()));
        placeholder.visibleProperty().bind(vm.bytesProperty().isEqualTo(0)
                .and(vm.stateProperty().isNotEqualTo(StreamState.COMPLETED).or(vm.chunksProperty().isEqualTo(0))));
        body.getChildren().addAll(text, placeholder);
        bars.managedProperty().bind(bars.visibleProperty());
        bars.visibleProperty().bind(Bindings.isNotEmpty(bars.getChildren()));
        setTop(bars);
        setCenter(body);
        setBottom(bottom);
    }

    /** Adds a bar above the report (shown while the node is visible: bind its managed to visible). */
    public void addBar(Node bar) {
        bars.getChildren().add(bar);
    }

    /** Adds a panel beside the report, in a split pane the user can resize. */
    public void addSidePanel(Node panel) {
        if (split == null) {
            split = new SplitPane(body);
            setCenter(split);
        }
        split.getItems().add(panel);
        SplitPane.setResizableWithParent(panel, false);
    }

    /** The stack holding the text pane (and its placeholder): other views of the report go here. */
    public StackPane body() {
        return body;
    }

    private void applyState(StreamState s) {
        progress.getStyleClass().removeAll(STATE_CLASSES);
        progress.getStyleClass().add(styleClass(s));
        explanation.getStyleClass().removeAll(STATE_CLASSES);
        explanation.getStyleClass().add(styleClass(s));
    }

    static String styleClass(StreamState s) {
        return "state-" + s.name().toLowerCase(java.util.Locale.ROOT);
    }

    public ReportTabViewModel viewModel() {
        return vm;
    }

    public ReportTextView textView() {
        return text;
    }

    public ProgressBar progressBar() {
        return progress;
    }

    public Label statusLineLabel() {
        return statusLine;
    }

    public Label explanationLabel() {
        return explanation;
    }
}
