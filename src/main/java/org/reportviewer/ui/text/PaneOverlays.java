package org.reportviewer.ui.text;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.reportviewer.format.Units;

/**
 * The small bars the skin lays over the text: Go to (top right, Ctrl+G) and, while following is
 * paused and lines keep arriving, a note saying so with a Follow button (bottom right).
 */
final class PaneOverlays {

    /** Style class of the pane's own input fields (see {@link ReportTextView#isOwnInput}). */
    static final String INPUT_CLASS = "report-text-input";
    private static final double MARGIN = 8;

    private final ReportTextView control;
    private final TextField goToField = new TextField();
    private final Label goToMessage = new Label();
    private final HBox goToBar;
    private final Label followText = new Label();
    private final Button followButton = new Button("Follow");
    private final HBox followBar;

    PaneOverlays(ReportTextView control) {
        this.control = control;
        goToField.getStyleClass().add(INPUT_CLASS);
        goToField.setId("go-to-field");
        goToField.setPromptText("line, or #chunk");
        goToField.setPrefColumnCount(12);
        goToField.setAccessibleText("Line number, or # and a chunk number");
        goToMessage.setId("go-to-message");
        goToField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                go();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hideGoTo();
                e.consume();
            }
        });
        goToBar = bar("go-to-bar", new Label("Go to"), goToField, goToMessage);
        goToBar.setVisible(false);

        followText.setId("follow-status");
        followButton.setId("follow-button");
        followButton.setFocusTraversable(false);
        followButton.setTooltip(new Tooltip("Follow the end of the report again (End)"));
        followButton.setOnAction(e -> control.followTailProperty().set(true));
        followBar = bar("follow-bar", followText, followButton);
        followBar.setVisible(false);
    }

    private static HBox bar(String id, Node... children) {
        HBox b = new HBox(6, children);
        b.setId(id);
        b.getStyleClass().add("pane-overlay");
        b.setAlignment(Pos.CENTER_LEFT);
        b.setManaged(false);
        return b;
    }

    List<Node> nodes() {
        return List.of(goToBar, followBar);
    }

    /** Places the bars inside the text area {@code (x, y, w, h)}. */
    void layout(double x, double y, double w, double h) {
        for (HBox b : List.of(goToBar, followBar)) {
            double bw = Math.min(Math.max(0, w - 2 * MARGIN), b.prefWidth(-1));
            double bh = b.prefHeight(bw);
            double by = b == goToBar ? y + MARGIN : y + h - bh - MARGIN;
            b.resizeRelocate(x + w - bw - MARGIN, Math.max(y, by), bw, bh);
        }
    }

    void showGoTo() {
        goToMessage.setText("");
        goToBar.setVisible(true);
        control.requestLayout();
        goToField.requestFocus();
        goToField.selectAll();
    }

    void hideGoTo() {
        goToBar.setVisible(false);
        control.requestFocus();
    }

    private void go() {
        GoToQuery.Result r = control.go(goToField.getText());
        goToMessage.setText(r.message());
        control.requestLayout();
        if (r.exact()) {
            hideGoTo(); // landed where asked; otherwise the bar stays to say what happened instead
        }
    }

    /** Shows the note while following is paused and lines arrived since; hides it otherwise. */
    void updateFollow() {
        long since = control.viewport().linesSincePaused();
        boolean show = since > 0;
        if (show) {
            followText.setText("Following paused · " + Units.count(since) + " new line" + (since == 1 ? "" : "s"));
        }
        if (show != followBar.isVisible()) {
            followBar.setVisible(show);
            control.requestLayout();
        }
    }
}
