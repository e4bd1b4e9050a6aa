package org.reportviewer.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import java.util.function.Supplier;
import org.reportviewer.ui.text.ReportTextView;

/** Find within the report of the selected tab (Ctrl+F; Enter next, Shift+Enter previous, Esc closes). */
public final class FindBar extends HBox {

    private final TextField needle = new TextField();
    private final CheckBox matchCase = new CheckBox("Match case");
    private final Label status = new Label();
    private final Supplier<ReportTextView> target;

    public FindBar(Supplier<ReportTextView> target) {
        this.target = target;
        setId("find-bar");
        getStyleClass().add("find-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        setPadding(new Insets(4, 10, 4, 10));
        needle.setId("find-text");
        needle.setPromptText("Find in report");
        needle.setPrefColumnCount(24);
        needle.setAccessibleText("Text to find");
        Button next = new Button("Next");
        next.setTooltip(new Tooltip("Find next (Enter)"));
        next.setOnAction(e -> find(true));
        Button previous = new Button("Previous");
        previous.setTooltip(new Tooltip("Find previous (Shift+Enter)"));
        previous.setOnAction(e -> find(false));
        Button close = new Button("✕");
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setAccessibleText("Close find bar");
        close.setOnAction(e -> hide());
        status.setId("find-status");
        status.getStyleClass().add("find-status");
        needle.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                find(!e.isShiftDown());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
        HBox.setHgrow(status, Priority.ALWAYS);
        getChildren().addAll(new Label("Find"), needle, previous, next, matchCase, status, close);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    public void show() {
        setVisible(true);
        needle.requestFocus();
        needle.selectAll();
    }

    public void hide() {
        setVisible(false);
        ReportTextView view = target.get();
        if (view != null) {
            view.requestFocus();
        }
    }

    public void find(boolean forward) {
        ReportTextView view = target.get();
        if (view == null) {
            status.setText("No report open");
            return;
        }
        status.textProperty().unbind();
        view.find(needle.getText(), forward, matchCase.isSelected());
        status.textProperty().bind(view.findStatusProperty());
    }

    public TextField needleField() {
        return needle;
    }
}
