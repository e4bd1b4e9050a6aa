package org.reportviewer.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: an exception nobody caught, on any thread, is logged and shown in a
 * dialog with its details on the FX thread. The window stays alive and usable.
 */
public final class ErrorDialogs implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialogs.class);

    private final Window owner;
    /** One dialog at a time: a failure in a loop must not bury the window in dialogs. */
    private final AtomicBoolean showing = new AtomicBoolean();

    public ErrorDialogs(Window owner) {
        this.owner = owner;
    }

    /** Handles uncaught exceptions of every thread, the FX thread included. */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        if (Platform.isFxApplicationThread()) {
            Thread.currentThread().setUncaughtExceptionHandler(this);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOG.error("unexpected error on thread {}", thread.getName(), error);
        try {
            Platform.runLater(() -> show(thread, error));
        } catch (IllegalStateException toolkitGone) {
            // the app is exiting: the log line is all there is
        }
    }

    private void show(Thread thread, Throwable error) {
        if (!showing.compareAndSet(false, true)) {
            return;
        }
        try {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            Alert alert = new Alert(Alert.AlertType.ERROR);
            if (owner != null && owner.isShowing()) {
                alert.initOwner(owner);
            }
            alert.setTitle("Unexpected error");
            alert.setHeaderText("Something went wrong, but the app keeps running.");
            alert.setContentText(error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())
                    + "\n(thread " + thread.getName() + "; the details are below and in the log)");
            TextArea details = new TextArea(trace.toString());
            details.setEditable(false);
            details.setWrapText(false);
            details.setPrefRowCount(14);
            details.getStyleClass().add("monospace");
            alert.getDialogPane().setExpandableContent(details);
            alert.showAndWait();
        } finally {
            showing.set(false);
        }
    }
}
