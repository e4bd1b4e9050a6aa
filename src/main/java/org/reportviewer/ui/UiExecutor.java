package org.reportviewer.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way work reaches the UI thread. The app uses {@link #fx()}; view-model tests use
 * {@link #direct()} and need no toolkit.
 */
@FunctionalInterface
public interface UiExecutor extends Executor {

    /** Runs on the JavaFX application thread (immediately when already on it is NOT assumed). */
    static UiExecutor fx() {
        return Platform::runLater;
    }

    /** Runs on the calling thread: for tests without a toolkit. */
    static UiExecutor direct() {
        return Runnable::run;
    }
}
