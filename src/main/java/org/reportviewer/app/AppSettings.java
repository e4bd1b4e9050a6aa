package org.reportviewer.app;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.reportviewer.ui.MainView;
import org.reportviewer.ui.MainViewModel;

/**
 * What the app remembers between runs (java.util.prefs): target, TLS and CA file, last report,
 * deadline, theme and window geometry. Never the bearer token: preferences are plain files or
 * registry entries any local program can read. The node is configurable so tests never touch the user's settings.
 */
public final class AppSettings {

    /** Overrides the preferences node path (tests). */
    public static final String NODE_PROPERTY = "reportviewer.prefs.node";
    public static final String DEFAULT_NODE = "org/reportviewer/viewer";
    public static final double DEFAULT_WIDTH = 1100;
    public static final double DEFAULT_HEIGHT = 720;

    private final Preferences prefs;

    public AppSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    public static AppSettings standard() {
        return new AppSettings(Preferences.userRoot().node(System.getProperty(NODE_PROPERTY, DEFAULT_NODE)));
    }

    private boolean dark() {
        return prefs.getBoolean("dark", false);
    }

    /** Loads the remembered fields into the view-model and view. */
    public void restore(MainViewModel vm, MainView view) {
        vm.targetTextProperty().set(prefs.get("target", vm.targetTextProperty().get()));
        vm.useEmbeddedProperty().set(prefs.getBoolean("embedded", vm.useEmbeddedProperty().get()));
        vm.tlsProperty().set(prefs.getBoolean("tls", vm.tlsProperty().get()));
        vm.caFileTextProperty().set(prefs.get("caFile", vm.caFileTextProperty().get()));
        vm.reportIdTextProperty().set(prefs.get("report", vm.reportIdTextProperty().get()));
        vm.deadlineTextProperty().set(prefs.get("deadline", vm.deadlineTextProperty().get()));
        view.darkProperty().set(dark());
    }

    /** Saves as the user goes, so a crash or kill loses nothing. */
    public void follow(MainViewModel vm, MainView view) {
        vm.targetTextProperty().addListener((o, a, v) -> prefs.put("target", v == null ? "" : v));
        vm.useEmbeddedProperty().addListener((o, a, v) -> prefs.putBoolean("embedded", v));
        vm.tlsProperty().addListener((o, a, v) -> prefs.putBoolean("tls", v));
        vm.caFileTextProperty().addListener((o, a, v) -> prefs.put("caFile", v == null ? "" : v));
        vm.reportIdTextProperty().addListener((o, a, v) -> prefs.put("report", v == null ? "" : v));
        vm.deadlineTextProperty().addListener((o, a, v) -> prefs.put("deadline", v == null ? "" : v));
        view.darkProperty().addListener((o, a, v) -> prefs.putBoolean("dark", v));
    }

    /** Puts the window where it was, if that is still on a screen; else the default size. */
    public void restoreGeometry(Stage stage) {
        double w = prefs.getDouble("window.width", DEFAULT_WIDTH);
        double h = prefs.getDouble("window.height", DEFAULT_HEIGHT);
        stage.setWidth(Math.max(640, w));
        stage.setHeight(Math.max(420, h));
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 40)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    public void saveGeometry(Stage stage) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
        }
        flush();
    }

    public void flush() {
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // settings are a convenience: never fail the app over them
        }
    }
}
